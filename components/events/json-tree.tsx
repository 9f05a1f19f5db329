"use client";

import { useState } from "react";
import { revealControls } from "@/lib/text/reveal-controls";
import styles from "./json-tree.module.css";

function CopyButton({ value, label }: { value: unknown; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className={styles.copy}
      aria-label={`Copy ${label}`}
      onClick={async (event) => {
        event.stopPropagation();
        await navigator.clipboard?.writeText(typeof value === "string" ? value : JSON.stringify(value, null, 2));
        setDone(true);
        setTimeout(() => setDone(false), 1200);
      }}
    >
      {done ? "copied" : "copy"}
    </button>
  );
}

/** One node. Strings render as text nodes only: nothing from event data is ever markup or a link. */
function Node({ name, value, depth, path }: { name: string | null; value: unknown; depth: number; path: string }) {
  const [open, setOpen] = useState(depth < 2);
  const key = name === null ? null : <span className={styles.key}>{revealControls(name)}: </span>;
  if (value === null || typeof value !== "object") {
    const kind = value === null ? "null" : typeof value;
    return (
      <li className={styles.leaf}>
        {key}
        <span className={styles[kind]}>
          {typeof value === "string" ? revealControls(JSON.stringify(value)) : String(value)}
        </span>
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value);
  const [openMark, closeMark] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return (
    <li>
      <button type="button" className={styles.toggle} aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"}
      </button>
      {key}
      <span className={styles.mark}>{openMark}</span>
      {!open && (
        <span className={styles.summary}>
          {entries.length} {Array.isArray(value) ? "items" : "keys"}
          {closeMark}
        </span>
      )}
      <CopyButton value={value} label={path || "value"} />
      {open && (
        <>
          <ul className={styles.list}>
            {entries.map(([childName, child]) => (
              <Node
                key={childName}
                name={childName}
                value={child}
                depth={depth + 1}
                path={path ? `${path}.${childName}` : childName}
              />
            ))}
          </ul>
          <span className={styles.mark}>{closeMark}</span>
        </>
      )}
    </li>
  );
}

/** A collapsible JSON tree with copy buttons for every object and array. */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  return (
    <ul className={styles.tree} aria-label={label}>
      <Node name={null} value={value} depth={0} path="" />
    </ul>
  );
}
