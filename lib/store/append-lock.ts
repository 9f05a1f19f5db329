/**
 * The advisory lock every writer of the log (append, link) holds until commit. One lock for the
 * whole log: it serializes writers so that positions are gapless and commit in order, and the hash
 * chain has exactly one head. Batching is how writers get throughput, not parallelism.
 */
export const APPEND_LOCK_KEY = 7_411_902_616n;

/**
 * How appends open their transaction (open-database.ts): the lock, sent with the first statement;
 * and index lookups only: an append reads a few rows by key, and without statistics the planner
 * chose to read the whole events table for its lookups by id (append-plans.test.ts).
 */
export const APPEND_TRANSACTION = { lock: APPEND_LOCK_KEY, beginWithFirst: true, indexesOnly: true } as const;
