"use client";

import { usePathname } from "next/navigation";
import styles from "./skip-link.module.css";

/**
 * The first tab stop of every page, visible when focused: on the Events page it skips the search
 * controls to the results table (`#results`, event-table.tsx), elsewhere to the main content.
 */
export function SkipLink() {
  const events = usePathname() === "/";
  return (
    <a href={events ? "#results" : "#main"} className={styles.skip}>
      {events ? "Skip to results" : "Skip to content"}
    </a>
  );
}
