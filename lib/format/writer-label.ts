/** The writer of events recorded with the TRAILBOOK_ADMIN_TOKEN (lib/ingest/record-events.ts). */
const BOOTSTRAP_WRITER = "bootstrap-token";

/**
 * How the key that recorded an event reads: its name with its id on hover; "bootstrap token" for
 * the admin token; the bare id when the name is unknown or not the reader's to see; "unknown" when
 * the server attested no writer (events from before it did, and the demo seed's).
 */
export function writerLabel(writer: string | null, keyName: string | null): { text: string; title?: string } {
  if (writer === null) return { text: "unknown" };
  if (writer === BOOTSTRAP_WRITER) return { text: "bootstrap token", title: "TRAILBOOK_ADMIN_TOKEN" };
  return { text: keyName ?? writer, title: `key ${writer}` };
}
