import { revealControls } from "@/lib/text/reveal-controls";

/**
 * Text that came from an event or a client (stream names, actors, data): isolated from the
 * surrounding layout's direction (`<bdi>`) and with invisible control characters made visible.
 * React escapes it, so it is never markup.
 */
export function UserText({ value }: { value: string }) {
  return <bdi>{revealControls(value)}</bdi>;
}
