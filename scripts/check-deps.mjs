// Enforces the dependency direction of ARCHITECTURE.md:
// core ← text ← db ← services ← (http, cli, jobs, io). core and text do no I/O.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const layers = ['core', 'text', 'db', 'services', 'io', 'jobs', 'http', 'cli'];
const allowed = {
  core: ['core'],
  text: ['core', 'text'],
  db: ['core', 'text', 'db'],
  services: ['core', 'text', 'db', 'services'],
  io: ['core', 'text', 'db', 'services', 'io'],
  jobs: ['core', 'text', 'db', 'services', 'io', 'jobs'],
  http: ['core', 'text', 'db', 'services', 'io', 'jobs', 'http'],
  cli: layers,
};
// Modules that would let core/text touch the world.
const ioModules = /^(node:)?(fs|fs\/promises|net|http|https|child_process|dgram|pg|better-sqlite3|kysely)$/;

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const problems = [];
for (const file of walk('src')) {
  const layer = relative('src', file).split('/')[0];
  if (!allowed[layer]) continue;
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('.')) {
      const target = relative('src', join(file, '..', spec)).split('/')[0];
      if (layers.includes(target) && !allowed[layer].includes(target)) {
        problems.push(`${file}: ${layer} must not import ${target} (${spec})`);
      }
    } else if ((layer === 'core' || layer === 'text') && ioModules.test(spec)) {
      problems.push(`${file}: ${layer} is pure and must not import ${spec}`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('dependency direction: ok');
