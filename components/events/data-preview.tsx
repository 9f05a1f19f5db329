import { UserText } from "@/components/ui/user-text";
import { revealControls } from "@/lib/text/reveal-controls";
import styles from "./event-table.module.css";

/** A tooltip long enough for any payload one reads on hover; the row details show the rest. */
const TITLE_MAX = 4000;

/**
 * An event's `data` as compact one-line JSON, cut by the layout (CSS ellipsis) with the whole text
 * on hover. Text only: payloads are hostile ("<script>" stays those characters), and invisible
 * controls are shown as markers here as everywhere else.
 */
export function DataPreview({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify(data);
  const title = json.length > TITLE_MAX ? `${json.slice(0, TITLE_MAX)}…` : json;
  return (
    <span className={`${styles.mono} ${styles.preview}`} title={revealControls(title)}>
      <UserText value={json} />
    </span>
  );
}
