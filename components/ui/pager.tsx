import Link from "next/link";
import type { ReactNode } from "react";
import styles from "./pager.module.css";

/** Newer/older links; a missing href renders as a disabled label so the layout does not jump. */
export function Pager({
  newer,
  older,
  children,
}: {
  newer: string | null;
  older: string | null;
  children?: ReactNode;
}) {
  return (
    <nav aria-label="Pages" className={styles.pager}>
      {newer ? (
        <Link href={newer} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span aria-disabled="true">← Newer</span>
      )}
      {older ? (
        <Link href={older} rel="next">
          Older →
        </Link>
      ) : (
        <span aria-disabled="true">Older →</span>
      )}
      {children}
    </nav>
  );
}
