import { UserText } from "@/components/ui/user-text";
import { writerLabel } from "@/lib/format/writer-label";
import styles from "./event-page.module.css";

/** Who recorded an event, as the server attested it: a key's name (its id on hover), or why not. */
export function RecordedBy({ writer, keyName }: { writer: string | null; keyName: string | null }) {
  const { text, title } = writerLabel(writer, keyName);
  if (writer === null) {
    return (
      <span className={styles.muted}>
        {text} (recorded before writers were attested, or appended through the library without one)
      </span>
    );
  }
  return (
    <span title={title}>
      <UserText value={text} />
    </span>
  );
}
