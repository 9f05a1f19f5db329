/**
 * RFC 8785 (JCS) canonical JSON for values that came from JSON: object keys sorted by UTF-16 code
 * units (JavaScript's default sort), strings and numbers exactly as JSON.stringify writes them
 * (which is what JCS specifies), no whitespace; undefined members are skipped. The one JCS of the
 * project (hashes, signatures, replay comparison); canonical-json.test.ts checks it against the
 * `canonicalize` package, the reference implementation, on generated input.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = "[";
    for (let i = 0; i < value.length; i++)
      text += (i ? "," : "") + canonicalJson(value[i] === undefined ? null : value[i]);
    return `${text}]`;
  }
  let text = "{";
  for (const key of Object.keys(value).sort()) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    text += `${text.length > 1 ? "," : ""}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}
