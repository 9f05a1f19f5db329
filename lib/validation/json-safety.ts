import type { Issue } from "../errors";

/** Limits on client-supplied JSON. They keep every stored value representable in jsonb and cheap to render. */
export const JSON_LIMITS = { maxDepth: 32, maxStringBytes: 64 * 1024 } as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `value` holds half of a UTF-16 surrogate pair alone. A JavaScript string may; UTF-8 cannot
 * encode one, so PostgreSQL refuses it in jsonb, and a text parameter would reach the database as
 * U+FFFD: either way not what the hash was computed over.
 */
export function hasUnpairedSurrogate(value: string): boolean {
  return LONE_SURROGATE.test(value);
}

function checkString(value: string, path: string, issues: Issue[], what: string): void {
  if (value.includes("\u0000")) issues.push({ path, message: `${what} contains a NUL character` });
  else if (hasUnpairedSurrogate(value)) issues.push({ path, message: `${what} contains an unpaired UTF-16 surrogate` });
  else if (value.length * 3 > JSON_LIMITS.maxStringBytes && Buffer.byteLength(value) > JSON_LIMITS.maxStringBytes) {
    issues.push({ path, message: `${what} is longer than ${JSON_LIMITS.maxStringBytes} bytes` });
  }
}

/**
 * Lists what PostgreSQL's jsonb would refuse or mangle (NUL, lone surrogates, non-finite numbers,
 * non-plain objects) and what exceeds our limits (depth, string size). Never throws, never copies:
 * copying through object spread would turn an own `__proto__` key into a prototype and lose data.
 */
export function findJsonIssues(value: unknown, path = "", depth = 0, issues: Issue[] = []): Issue[] {
  if (issues.length >= 20) return issues;
  if (value === null || typeof value === "boolean") return issues;
  if (typeof value === "string") {
    checkString(value, path, issues, "string");
  } else if (typeof value === "number") {
    if (!Number.isFinite(value)) issues.push({ path, message: "number is not finite" });
  } else if (typeof value === "object") {
    if (depth >= JSON_LIMITS.maxDepth) {
      issues.push({ path, message: `nested deeper than ${JSON_LIMITS.maxDepth} levels` });
      return issues;
    }
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) findJsonIssues(item, join(path, String(index)), depth + 1, issues);
    } else if (proto === Object.prototype || proto === null) {
      for (const key of Object.keys(value)) {
        checkString(key, join(path, key), issues, "key");
        findJsonIssues((value as Record<string, unknown>)[key], join(path, key), depth + 1, issues);
      }
    } else {
      issues.push({ path, message: "not a JSON value" });
    }
  } else {
    issues.push({ path, message: `${typeof value} is not a JSON value` });
  }
  return issues;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
