/** A one-line progress bar with rate and ETA on stderr (plain lines when not a terminal). */
export function progress(label: string, total: number) {
  const started = performance.now();
  let done = 0;
  let lastPrint = 0;
  const print = (final: boolean) => {
    const secs = (performance.now() - started) / 1000;
    const rate = done / Math.max(secs, 1e-3);
    const eta = rate > 0 ? (total - done) / rate : 0;
    const pct = total ? Math.floor((done / total) * 100) : 100;
    const bar = '#'.repeat(Math.round(pct / 4)).padEnd(25, '.');
    const line = `${label} [${bar}] ${pct}% ${done}/${total} ${Math.round(rate)}/s ${final ? `${secs.toFixed(1)} s` : `ETA ${eta.toFixed(0)} s`}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
  return {
    add(n: number) {
      done += n;
      const now = performance.now();
      if (now - lastPrint > (process.stderr.isTTY ? 200 : 10_000)) {
        lastPrint = now;
        print(false);
      }
    },
    finish: () => print(true),
  };
}
