import "server-only";
import type { Database } from "../db/database";
import type { Frontier } from "../transparency/merkle-frontier";
import { appendGroup } from "./append-group";
import { signalAppended } from "./append-signal";
import type { AppendOutcome, AppendRequest } from "./decide-appends";

/**
 * At most this many events per group transaction: bounds the one INSERT's parameter (JSON) size and
 * the time later requests wait. A single request may exceed it (a batch holds up to 1000 events).
 */
const MAX_GROUP_EVENTS = 5000;

interface Pending {
  request: AppendRequest;
  resolve: (outcome: AppendOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: appends from concurrent callers of one process coalesce into one transaction per
 * flush (lock once, read once, insert once, commit once), and each caller is answered only after
 * that commit. While a group commits, new requests queue; the next group is everything queued then,
 * so a lone caller never waits for company and a busy server commits in large groups.
 */
class GroupCommitter {
  private readonly queue: Pending[] = [];
  private flushing = false;
  /** The tree's frontier after this process's last commit: spares re-reading it when nobody else wrote. */
  private frontier: Frontier | undefined;

  constructor(private readonly db: Database) {}

  submit(request: AppendRequest): Promise<AppendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.commit(this.nextGroup());
    } finally {
      this.flushing = false;
    }
  }

  private nextGroup(): Pending[] {
    let events = 0;
    let count = 0;
    while (count < this.queue.length) {
      events += this.queue[count]!.request.batch.events.length;
      if (count > 0 && events > MAX_GROUP_EVENTS) break;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async commit(group: Pending[]): Promise<void> {
    try {
      const { outcomes, frontier } = await appendGroup(
        this.db,
        group.map((pending) => pending.request),
        this.frontier,
      );
      this.frontier = frontier;
      for (const [index, outcome] of outcomes.entries()) group[index]!.resolve(outcome);
      if (outcomes.some((outcome) => outcome.kind === "append")) signalAppended();
    } catch (error) {
      this.frontier = undefined;
      if (group.length === 1) return group[0]!.reject(error);
      // A request whose rows the database refused (a constraint, a value it cannot index) fails
      // the whole statement: commit each request alone, so that it fails only itself.
      for (const pending of group) await this.commit([pending]);
    }
  }
}

const committers = new WeakMap<Database, GroupCommitter>();

/** Appends `request` in the next group commit of `db` in this process, and resolves after its commit. */
export function commitInGroup(db: Database, request: AppendRequest): Promise<AppendOutcome> {
  const committer = committers.get(db) ?? new GroupCommitter(db);
  committers.set(db, committer);
  return committer.submit(request);
}
