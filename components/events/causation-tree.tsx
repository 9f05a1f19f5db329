import Link from "next/link";
import { UtcTime } from "@/components/ui/utc-time";
import { routes } from "@/lib/routes";
import type { CausationNode } from "@/lib/store/build-causation-tree";
import styles from "./causation-tree.module.css";

function Branch({ node, current }: { node: CausationNode; current?: string }) {
  return (
    <li>
      <div
        className={`${styles.node} ${node.id === current ? styles.current : ""}`}
        aria-current={node.id === current ? "true" : undefined}
      >
        <Link href={routes.event(node.id)}>{node.type}</Link>{" "}
        <span className={styles.time}>
          <UtcTime iso={node.recordedAt} />
        </span>
      </div>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <Branch key={child.position} node={child} current={current} />
          ))}
        </ul>
      )}
    </li>
  );
}

/** Who caused whom, as a nested tree (each event under its cause). `current` is highlighted. */
export function CausationTree({ roots, current }: { roots: CausationNode[]; current?: string }) {
  return (
    <ul className={styles.tree} aria-label="Causation tree">
      {roots.map((root) => (
        <Branch key={root.position} node={root} current={current} />
      ))}
    </ul>
  );
}
