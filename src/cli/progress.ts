/** A one-line progress bar on a terminal; quiet lines when output is not a TTY. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  let lastPercent = -1;
  return (done: number, total: number) => {
    const percent = total ? Math.floor((done / total) * 100) : 100;
    if (percent === lastPercent) return;
    lastPercent = percent;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`,
      );
      if (done >= total) stream.write('\n');
    } else if (percent % 25 === 0) {
      stream.write(`${label}: ${percent}% (${done}/${total})\n`);
    }
  };
}
