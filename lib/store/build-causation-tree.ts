import { eventKey } from "./event-key";
import type { StoredEvent } from "./event-record";

export interface CausationNode {
  id: string;
  type: string;
  position: string;
  recordedAt: string;
  children: CausationNode[];
}

/**
 * Arranges one correlation's events (in position order) by causation: an event whose cause came
 * before it in the set, in its own tenant (ids are unique per tenant), hangs under it; the others
 * are roots. Linear time. A cause must come earlier, so there are no cycles, even when a client
 * named as cause an id it recorded later.
 */
export function buildCausationTree(events: StoredEvent[]): CausationNode[] {
  const nodes = new Map<string, CausationNode>();
  const roots: CausationNode[] = [];
  for (const event of events) {
    const node: CausationNode = {
      id: event.id,
      type: event.type,
      position: event.position,
      recordedAt: event.recordedAt,
      children: [],
    };
    const parent = event.causationId ? nodes.get(eventKey(event.tenant, event.causationId)) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
    nodes.set(eventKey(event.tenant, event.id), node);
  }
  return roots;
}
