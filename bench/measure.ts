/** Small statistics for benchmarks: every figure reported is measured, never assumed. */

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `task` `times` times sequentially and returns each duration in milliseconds. */
export async function timeEach(times: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await task(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/**
 * Runs `workers` loops of `task` until `seconds` pass; returns completed calls, per-call latencies
 * and elapsed seconds.
 */
export async function runFor(seconds: number, workers: number, task: (worker: number, i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let units = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        const n = await task(worker, i);
        latencies.push(performance.now() - t);
        units += typeof n === "number" ? n : 1;
      }
    }),
  );
  return { units, latencies, seconds: (performance.now() - start) / 1000 };
}

export const round = (n: number, digits = 0) => Number(n.toFixed(digits));
