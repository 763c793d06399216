import { readFileSync } from 'node:fs';

/**
 * CPU seconds the calling thread has used (Linux; null elsewhere). With other work on the
 * machine, a worker's CPU says more about the generator than the wall time does.
 */
export function threadCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}
