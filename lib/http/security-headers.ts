/**
 * Headers every response carries, pages and API alike: set by next.config.ts for what Next serves,
 * and by the lean ingest path (lib/cli/lean-ingest.ts) for what it serves ahead of Next.
 */
export const SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
];
