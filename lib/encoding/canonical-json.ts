/**
 * RFC 8785 (JCS) canonical JSON for values that came from JSON: object keys sorted by UTF-16 code
 * units (JavaScript's default sort), strings and numbers exactly as JSON.stringify writes them
 * (which is what JCS specifies), no whitespace; undefined members are skipped. The one JCS of the
 * project (hashes, signatures, replay comparison); canonical-json.test.ts checks it against the
 * `canonicalize` package, the reference implementation, on generated input.
 *
 * How it is fast: JSON.stringify writes exactly the canonical text of a value made only of plain
 * objects, plain arrays and JSON primitives whose objects all list their keys in sorted order (it
 * writes keys in Object.keys order). So such a value is written by that one native call; a plain
 * value out of order is first copied with sorted keys (JSON.parse keeps the text's order, and
 * jsonb's is by key length). Anything else (a Date, a Map, a class, undefined, a hole, an own
 * `__proto__` key to copy, integer-like keys that enumerate first) is written member by member.
 * Self-contained, no named inner functions: worker threads rebuild it from its source (hash-pool.ts).
 */
export function canonicalJson(value: unknown): string {
  let subject = value;
  for (let attempt = 0; attempt < 2; attempt++) {
    // Depth-first walk on an explicit stack (a helper function would not exist in a worker).
    let plain = true;
    let inOrder = true;
    const stack: unknown[] = [subject];
    while (plain && stack.length > 0) {
      const item = stack.pop();
      if (item === null || typeof item === "string" || typeof item === "boolean" || typeof item === "number") continue;
      if (typeof item !== "object") plain = false;
      else if (Array.isArray(item)) {
        plain = Object.getPrototypeOf(item) === Array.prototype;
        for (let i = 0; i < item.length; i++) stack.push(item[i]);
      } else {
        plain = Object.getPrototypeOf(item) === Object.prototype;
        // for…in lists the own keys in Object.keys order (then inherited enumerable ones, which a
        // prototype polluted could add: they only make the check stricter, JSON.stringify skips them).
        let previous: string | null = null;
        for (const key in item) {
          if (previous !== null && !(previous < key)) inOrder = false;
          previous = key;
          stack.push((item as Record<string, unknown>)[key]);
        }
      }
    }
    if (!plain) break;
    if (inOrder) return JSON.stringify(subject);
    if (attempt > 0) break;
    // A copy of the plain value, each object's keys inserted in sorted order (spread when they are).
    const holder: Record<string, unknown> = { root: subject };
    const pending: [Record<string, unknown>, string][] = [[holder, "root"]];
    while (plain && pending.length > 0) {
      const [parent, at] = pending.pop()!;
      const source = parent[at] as Record<string, unknown>;
      const keys = Object.keys(source);
      let sorted = true;
      for (let i = 1; sorted && i < keys.length; i++) sorted = keys[i - 1]! < keys[i]!;
      let copy: Record<string, unknown>;
      if (Array.isArray(source)) copy = source.slice() as unknown as Record<string, unknown>;
      else if (sorted) copy = { ...source };
      else {
        copy = {};
        for (const key of keys.sort()) {
          // Assigning `__proto__` would set the prototype instead of adding the key.
          if (key === "__proto__") plain = false;
          copy[key] = source[key];
        }
      }
      parent[at] = copy;
      for (const key of keys) {
        if (copy[key] !== null && typeof copy[key] === "object") pending.push([copy, key]);
      }
    }
    if (!plain) break;
    subject = holder.root;
  }
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
