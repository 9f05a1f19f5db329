import microdiff from "microdiff";

/** One difference between two JSON values, at a path written as JavaScript would reach it. */
export type DataChange =
  | { kind: "added"; path: string; after: unknown }
  | { kind: "removed"; path: string; before: unknown }
  | { kind: "changed"; path: string; before: unknown; after: unknown };

/**
 * What changed from `before` to `after` (two events' `data`), in microdiff's order: paths present
 * only after are added, only before removed, and different leaves (or a leaf turned into an object
 * or back) changed. Arrays compare index by index, as JSON has no identity to match items by.
 * Nothing when they are equal.
 */
export function diffData(before: Record<string, unknown>, after: Record<string, unknown>): DataChange[] {
  return microdiff(before, after).map((difference) => {
    const path = formatPath(difference.path);
    if (difference.type === "CREATE") return { kind: "added", path, after: difference.value };
    if (difference.type === "REMOVE") return { kind: "removed", path, before: difference.oldValue };
    return { kind: "changed", path, before: difference.oldValue, after: difference.value };
  });
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `items[0].name`, or `["odd key"]` for a key that is not an identifier: one path, one reading. */
export function formatPath(path: (string | number)[]): string {
  return path
    .map((step, index) => {
      if (typeof step === "number") return `[${step}]`;
      if (IDENTIFIER.test(step)) return index === 0 ? step : `.${step}`;
      return `[${JSON.stringify(step)}]`;
    })
    .join("");
}
