/**
 * The advisory lock every writer of the log (append, link) holds until commit. One lock for the
 * whole log: it serializes writers so that positions are gapless and commit in order, and the hash
 * chain has exactly one head. Batching is how writers get throughput, not parallelism.
 */
export const APPEND_LOCK_KEY = 7_411_902_616n;
