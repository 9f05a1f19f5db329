import { UTC } from "./time-zone";

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let found = formats.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(zone, found);
  }
  return found;
}

/**
 * What a wall clock in `zone` read at the instant `iso` (ISO 8601 with a zone), in the shape of an
 * ISO 8601 UTC time without its `Z`: `2026-09-01T15:42:05.123`. So the same slicing gives the
 * same precision in every zone, and for UTC this is the stored text itself. `offset` is the zone's
 * offset from UTC then, in minutes.
 */
export function zonedClock(iso: string, zone: string): { clock: string; offset: number } {
  const ms = Date.parse(iso);
  const utc = new Date(ms).toISOString().slice(0, 23);
  if (zone === UTC) return { clock: utc, offset: 0 };
  const parts = Object.fromEntries(
    format(zone)
      .formatToParts(new Date(ms))
      .map((part) => [part.type, part.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const clock = `${date}T${parts.hour}:${parts.minute}:${parts.second}${utc.slice(19)}`;
  const offset = Math.round((Date.parse(`${clock}Z`) - ms) / 60_000);
  return { clock, offset };
}

/** An offset in minutes as ISO 8601 writes it: `+01:00`, `-03:30`. */
export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
