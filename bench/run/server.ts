import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** Resolves once the server answers its ready path quickly again (no backlog left). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Compiles src/ as `npm run build` does, into .tmp/bench-dist (so node_modules resolve), and
 * returns the CLI entry: the server then runs as in production, without tsx in memory.
 */
export function buildServer(): string {
  const out = '.tmp/bench-dist';
  spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', out],
    {
      stdio: 'inherit',
    },
  );
  const entry = `${out}/cli/main.js`;
  if (!existsSync(entry)) throw new Error(`build failed: ${entry} is missing`);
  return entry;
}

/** A free port on loopback, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts a server as a child process on 127.0.0.1 and waits until `readyPath` answers.
 * duban: the real CLI (`serve`); naive: bench/naive/server.ts.
 */
export async function startServer(
  name: string,
  script: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<RunningServer> {
  const port = await freePort();
  // Compiled JavaScript runs as is; TypeScript through tsx.
  const loader = script.some((a) => a.endsWith('.ts')) ? ['--import', 'tsx'] : [];
  const child: ChildProcess = spawn(process.execPath, [...loader, ...script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`${name} did not become ready: ${stderr}`);
    const ok = await fetch(url + readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    name,
    url,
    pid: child.pid!,
    idle: () => waitIdle(url + readyPath),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Slow requests left in flight by a run would count against the next run: wait them out. */
async function waitIdle(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const t = performance.now();
    await fetch(url).catch(() => undefined);
    quick = performance.now() - t < 50 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resident memory of a process in bytes: VmRSS now, or VmHWM (the peak so far). */
export function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples VmRSS every 100 ms while `fn` runs; returns fn's result and the peak seen. */
export async function withPeakRss<T>(
  pid: number,
  fn: () => Promise<T>,
): Promise<{ result: T; peak: number }> {
  let peak = memoryOf(pid, 'VmRSS');
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(pid, 'VmRSS'));
  }, 100);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, memoryOf(pid, 'VmRSS')) };
  } finally {
    clearInterval(timer);
  }
}
