import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { UserText } from "@/components/ui/user-text";
import styles from "./event-table.module.css";

/**
 * A full id, shortened by the layout only (CSS ellipsis): the whole value is in the DOM, the
 * title and the copy button, so two ids that share a prefix never look alike in a copy. `whole`
 * shows it uncut (where there is room: row details).
 */
export function IdCell({
  value,
  label,
  href,
  whole = false,
}: {
  value: string;
  label: string;
  href?: string;
  whole?: boolean;
}): ReactNode {
  const text = <UserText value={value} />;
  const className = `${styles.mono} ${whole ? styles.whole : styles.id}`;
  return (
    <span className={styles.idCell}>
      {href ? (
        <Link href={href} className={className} title={value} onClick={(e) => e.stopPropagation()}>
          {text}
        </Link>
      ) : (
        <span className={className} title={value}>
          {text}
        </span>
      )}
      <CopyButton value={value} label={label} />
    </span>
  );
}
