import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Fixtures } from './fixtures.js';
import type { Plan } from './plans.js';
import type { Statements } from './statements.js';
import { type Check, checkTargets } from './targets.js';

export interface Measured {
  case: string;
  what: string;
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Peak VmRSS of the serving process during the run. */
  rssBytes: number;
  /** rps divided by the ceiling's rps (duban → naive same case; naive → bare). */
  ratio: number | null;
}

export interface Report {
  engine: string;
  date: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    engine: string;
    loadAverage: string;
    commit: string;
  };
  dataset: Omit<Fixtures, 'token' | 'ids' | 'open' | 'counties' | 'scope'>;
  settings: { connections: number; durationSeconds: number };
  results: Measured[];
  peakRss: Record<string, number>;
  plans: Plan[];
  statements: Statements[];
  checks: Check[];
}

export const machine = (engineVersion: string, commit: string) => ({
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  engine: engineVersion,
  // Other work on the machine skews every figure: the 1-minute load when the report was made.
  commit,
  loadAverage: loadavg()
    .map((l) => l.toFixed(1))
    .join(' / '),
});

/** The commit measured (read before the server is built), marked when src/ had changes. */
export function commitOf(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', 'src'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return 'unknown';
  }
}

const mb = (b: number) => `${Math.round(b / 2 ** 20)} MB`;
const num = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(1));

export function resultTable(results: Measured[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.case} | ${r.label} | ${num(r.rps)} | ${r.p50} | ${r.p99} | ${r.ratio === null || !Number.isFinite(r.ratio) ? '' : `${r.ratio.toFixed(2)}×`} | ${mb(r.rssBytes)} | ${r.non2xx + r.errors || ''} |`,
  );
  return [
    '| case | server | req/s | p50 ms | p99 ms | ratio to ceiling | peak RSS | non-2xx/errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

const planText = (plans: Plan[]) =>
  plans
    .map((p) => {
      const head = `### ${p.name} — ${p.ms.toFixed(1)} ms${p.flags.length ? ` — **${p.flags.join(', ')}**` : ''}`;
      const generic = p.generic
        ? `\ngeneric plan (${p.generic.ms.toFixed(1)} ms):\n\n    ${p.generic.plan.join('\n    ')}`
        : '';
      return `${head}\n\n    ${p.plan.join('\n    ')}\n${generic}\n`;
    })
    .join('\n');

export function toMarkdown(r: Report): string {
  const m = r.machine;
  return `# duban benchmark — ${r.engine}, ${r.date}

Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.engine}; load average at the end ${m.loadAverage}; commit ${m.commit}.
Dataset: ${r.dataset.problems.toLocaleString('en')} problems, ${r.dataset.events.toLocaleString('en')} events, database ${mb(r.dataset.dbBytes)};
province ${r.dataset.province.code} (${r.dataset.province.problems} problems), city ${r.dataset.city.code} (${r.dataset.city.problems}).
Load: autocannon, ${r.settings.connections} connections, ${r.settings.durationSeconds} s per run, on 127.0.0.1.

${resultTable(r.results)}

Server peak RSS (VmHWM): ${Object.entries(r.peakRss)
    .map(([k, v]) => `${k} ${mb(v)}`)
    .join(', ')}.

## Targets (issue 4)

| target | measured | met |
|---|---|---|
${r.checks.map((c) => `| ${c.target} | ${c.measured} | ${c.met === null ? 'n/a' : c.met ? 'yes' : '**no**'} |`).join('\n')}

## SQL statements per request (duban, in-process, second of two identical requests)

| request | status | statements |
|---|---:|---:|
${r.statements.map((s) => `| ${s.name} | ${s.status} | ${s.count} |`).join('\n')}

<details><summary>statements</summary>

${r.statements.map((s) => `**${s.name}**\n\n${s.sql.map((q) => `    ${q}`).join('\n')}`).join('\n\n')}

</details>

## Query plans

${planText(r.plans)}`;
}

/** Writes bench/results/<date>-<engine>[-<tag>].{json,md}: a tag keeps a partial run apart. */
export function writeReport(r: Report, tag?: string): string[] {
  mkdirSync('bench/results', { recursive: true });
  const base = `bench/results/${r.date}-${r.engine}${tag ? `-${tag}` : ''}`;
  writeFileSync(`${base}.json`, `${JSON.stringify({ ...r, checks: r.checks }, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(r));
  return [`${base}.json`, `${base}.md`];
}

export { checkTargets };
