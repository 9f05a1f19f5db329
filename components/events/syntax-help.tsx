"use client";

import { useTimeZone } from "@/components/ui/time-zone";
import { UTC } from "@/lib/format/time-zone";
import styles from "./search.module.css";

const EXAMPLES: [string, string][] = [
  ["type:Order*", "a type, or a prefix"],
  ["actor:user-42 tenant:acme", "both must match"],
  ["(type:A OR type:B) -actor:bot", "either type, not the bot"],
  ['"card declined"', "a phrase anywhere in the event"],
  ["data.amount:>100", "a JSON path, compared as a number"],
  ["stream:Order-42  correlation:…  id:…", "a stream, a flow, one event"],
  ["recorded:>=now-15m", "server time; occurred: is client time"],
  ["recorded:2026-01-01..2026-01-31", "a range of UTC days"],
];

/**
 * The search language at a glance: a native disclosure, so it needs no script and no focus trap.
 * Typed times are UTC whatever the display setting (URLs and exports must mean one instant for
 * everyone), so with a local zone shown it says so and names that zone.
 */
export function SyntaxHelp() {
  const zone = useTimeZone();
  return (
    <details className={styles.help}>
      <summary>Syntax</summary>
      <div className={styles.helpBody}>
        <dl>
          {EXAMPLES.map(([example, meaning]) => (
            <div key={example}>
              <dt>
                <code>{example}</code>
              </dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <p>
          Terms side by side must all match; <code>OR</code> (capitals) binds looser;
          <code> -</code> or <code>NOT</code> excludes. Quote a word to search for it literally.{" "}
          {zone === UTC ? "Times are UTC." : `Times you type are UTC, whatever the display setting (now: ${zone}).`}
        </p>
      </div>
    </details>
  );
}
