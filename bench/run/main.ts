import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DEFAULT_PG_URL } from '../generate/target.js';
import { benchEngine } from './engine.js';
import { commitOf, type Measured, resultTable, writeReport } from './report.js';
import { buildServer } from './server.js';

const { values: opts } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    db: { type: 'string', default: 'data/bench-100000.db' },
    url: { type: 'string', default: DEFAULT_PG_URL },
    case: { type: 'string', multiple: true },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    // built: compile src/ first and run it as `npm start` does; tsx: run the TypeScript.
    server: { type: 'string', default: 'built' },
    // Names the report <date>-<engine>-<tag>, so that a run of some cases keeps the full one.
    tag: { type: 'string' },
  },
});

// The server refuses to start without a field-encryption key; the bench makes a throwaway one.
process.env.DUBAN_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');

const engines =
  opts.engine === 'both'
    ? (['sqlite', 'postgres'] as const)
    : ([opts.engine === 'postgres' ? 'postgres' : 'sqlite'] as const);
const cases = opts.case?.flatMap((c) => c.split(',')) ?? null;

const commit = commitOf();
const serverEntry = opts.server === 'tsx' ? 'src/cli/main.ts' : buildServer();

for (const engine of engines) {
  const results: Measured[] = [];
  console.log(`\n== ${engine} ==`);
  const report = await benchEngine({
    engine,
    url: engine === 'sqlite' ? `sqlite:${opts.db}` : opts.url,
    cases: cases && [...cases, 'bare'],
    duration: Number(opts.duration),
    connections: Number(opts.connections),
    serverEntry,
    commit,
    onPlans: (plans) => {
      console.log('\nQuery plans (src/db list and stats queries on this data):');
      for (const p of plans) {
        const flags = p.flags.length ? `  <-- ${p.flags.join(', ')}` : '';
        console.log(
          `\n  ${p.name}: ${p.ms.toFixed(1)} ms${p.generic ? ` (generic plan ${p.generic.ms.toFixed(1)} ms)` : ''}${flags}`,
        );
        for (const line of p.plan) console.log(`    ${line}`);
      }
      console.log('');
    },
    onStatements: (list) => {
      console.log('SQL statements per request (duban, in-process):');
      for (const s of list)
        console.log(`  ${s.name.padEnd(16)} ${String(s.count).padStart(3)} statements (HTTP ${s.status})`);
    },
    onResult: (m) => {
      results.push(m);
      console.log(
        `  ${m.case.padEnd(20)} ${m.label.padEnd(13)} ${Math.round(m.rps).toString().padStart(6)}/s  p50 ${m.p50} ms  p99 ${m.p99} ms${m.non2xx + m.errors ? `  (${m.non2xx} non-2xx, ${m.errors} errors)` : ''}`,
      );
    },
  });
  console.log(`\n${resultTable(report.results)}\n`);
  for (const c of report.checks)
    console.log(`${c.met === false ? 'MISSED' : c.met ? 'met   ' : 'n/a   '} ${c.target}: ${c.measured}`);
  console.log(`\nwrote ${writeReport(report, opts.tag).join(', ')}`);
}
