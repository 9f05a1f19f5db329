/** The writer of events recorded with the TRAILBOOK_ADMIN_TOKEN (lib/ingest/record-events.ts). */
const BOOTSTRAP_WRITER = "bootstrap-token";
/** The writer of events appended by `npm run seed` (CLI_WRITER, lib/store/append-events.ts). */
const CLI_WRITER = "cli";

/**
 * How the key that recorded an event reads: its name with its id on hover; "bootstrap token" for
 * the admin token; "cli" for a command run with the database's credentials (the demo seed); the
 * bare id when the name is unknown or not the reader's to see; "not attested" when the server
 * attested no writer (events from before it did, or appended through the library without one).
 */
export function writerLabel(writer: string | null, keyName: string | null): { text: string; title?: string } {
  if (writer === null) return { text: "not attested" };
  if (writer === BOOTSTRAP_WRITER) return { text: "bootstrap token", title: "TRAILBOOK_ADMIN_TOKEN" };
  if (writer === CLI_WRITER)
    return { text: "cli", title: "a command run with the database's credentials (npm run seed)" };
  return { text: keyName ?? writer, title: `key ${writer}` };
}
