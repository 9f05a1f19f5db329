import type { StoredEvent } from "./event-record";

export interface CausationNode {
  id: string;
  type: string;
  position: string;
  recordedAt: string;
  children: CausationNode[];
}

/**
 * Arranges one correlation's events (in position order) by causation: an event whose cause is in
 * the set hangs under it; the others are roots. Linear time; cycles cannot occur because a cause
 * must be stored before the events it causes.
 */
export function buildCausationTree(events: StoredEvent[]): CausationNode[] {
  const nodes = new Map<string, CausationNode>();
  for (const event of events) {
    nodes.set(event.id, {
      id: event.id,
      type: event.type,
      position: event.position,
      recordedAt: event.recordedAt,
      children: [],
    });
  }
  const roots: CausationNode[] = [];
  for (const event of events) {
    const node = nodes.get(event.id)!;
    const parent = event.causationId ? nodes.get(event.causationId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
