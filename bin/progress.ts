/** A one-line progress bar on stderr (only when stderr is a terminal; otherwise one line per 10%). */
export function progressBar(label: string): (done: number, total: number) => void {
  let lastTenth = -1;
  const started = Date.now();
  return (done, total) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const rate = Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
    const text = `${label} [${"#".repeat(Math.round(ratio * 30)).padEnd(30, ".")}] ${done}/${total} (${rate}/s)`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${text}${done >= total ? "\n" : ""}`);
    } else if (Math.floor(ratio * 10) > lastTenth) {
      lastTenth = Math.floor(ratio * 10);
      process.stderr.write(`${text}\n`);
    }
  };
}
