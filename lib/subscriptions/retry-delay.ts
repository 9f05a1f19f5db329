/** The longest wait between two attempts, however many have failed. */
export const MAX_RETRY_DELAY_MS = 3_600_000;

/**
 * The wait before retry number `attempt` (1 after the first failure): `baseMs` doubled per
 * failure, capped at an hour, then jittered into its upper half ("equal jitter"), so receivers
 * that failed together are not retried in lockstep, yet a wait never collapses to nothing.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
