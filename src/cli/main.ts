import { Command } from 'commander';
import { ROLES, type Role } from '../core/vocabulary.js';
import { migrationNames } from '../db/migrator.js';
import { seedReferenceData } from '../db/reference/seed-reference.js';
import { addUser, createToken } from '../services/accounts.service.js';
import { findUnitByName, getUnit } from '../services/units.service.js';
import { registerAccountCommands } from './accounts.command.js';
import { registerAuditCommands } from './audit.command.js';
import { effectiveMode } from './config.accounts.js';
import { loadConfig } from './config.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';
import { serve } from './serve.js';

const program = new Command();
program.name('duban').description('督办 — environmental-inspection rectification ledger').version('0.1.0');

program
  .command('serve')
  .description('start the HTTP server (migrates first)')
  .option('--demo', 'load the illustrative demo data (示例数据) into an empty database')
  .action(async (opts: { demo?: boolean }) => serve({ demo: opts.demo ?? false }));

program
  .command('migrate')
  .description('bring the schema to the latest migration and load reference data')
  .option('--no-towns', 'skip towns and streets (乡镇/街道)')
  .action(async (opts: { towns: boolean }) => {
    const { database, ctx } = await openRuntime();
    const { regions } = await seedReferenceData(ctx.db, {
      towns: opts.towns,
      onProgress: progressBar('regions'),
    });
    console.log(`schema at ${migrationNames().at(-1)} on ${database.engine}; ${regions} regions loaded`);
    await database.close();
  });

program
  .command('demo')
  .description(
    'load the illustrative demo data from the seed documents (示例数据); refused in production mode',
  )
  .action(async () => {
    const config = loadConfig();
    effectiveMode(config.security, true);
    const { database, ctx } = await openRuntime(config);
    await seedReferenceData(ctx.db, { onProgress: progressBar('regions') });
    const { loadDemo } = await import('../services/demo/demo.loader.js');
    const summary = await loadDemo(ctx);
    console.log(summary.message);
    await database.close();
  });

const user = program.command('user').description('manage users');
user
  .command('add')
  .requiredOption('--login <login>')
  .option('--name <name>', 'display name')
  .option('--role <role>', `one of ${ROLES.join(', ')}`, 'viewer')
  .option('--unit <unit>', 'unit id or exact unit name')
  .action(async (opts: { login: string; name?: string; role: string; unit?: string }) => {
    const { database, ctx } = await openRuntime();
    const unit = opts.unit
      ? ((await findUnitByName(ctx, opts.unit)) ?? (await getUnit(ctx, opts.unit)))
      : undefined;
    const created = await addUser(ctx, {
      login: opts.login,
      displayName: opts.name,
      role: opts.role as Role,
      unitId: unit?.id ?? null,
    });
    console.log(`user ${created.login} (${created.role}) created: ${created.id}`);
    await database.close();
  });

program
  .command('token')
  .description('API tokens')
  .command('create')
  .requiredOption('--user <login>')
  .option('--name <name>', 'what the token is for', 'cli')
  .option('--expires-days <n>', 'expire after n days', (v) => Number.parseInt(v, 10))
  .action(async (opts: { user: string; name: string; expiresDays?: number }) => {
    const { database, ctx } = await openRuntime();
    const { token, expiresAt } = await createToken(ctx, opts.user, {
      name: opts.name,
      expiresInDays: opts.expiresDays,
    });
    console.log(
      `token for ${opts.user}${expiresAt ? ` (expires ${expiresAt})` : ''}; send as "Authorization: Bearer <token>":`,
    );
    console.log(token);
    await database.close();
  });

program
  .command('backup <file>')
  .description('online backup of the SQLite database (PostgreSQL: use pg_dump)')
  .action(async (file: string) => {
    const { database } = await openRuntime();
    if (!database.sqlite) throw new Error('backup is for SQLite; for PostgreSQL use pg_dump');
    const bar = progressBar('backup');
    await database.sqlite.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        bar(totalPages - remainingPages, totalPages);
        return 200;
      },
    });
    console.log(`backed up ${database.location} to ${file}`);
    await database.close();
  });

registerAuditCommands(program);
registerAccountCommands(program, user);

program.parseAsync().catch((err: unknown) => {
  const e = err as {
    label?: { zh: string; en: string };
    fields?: { field: string; message: { en: string } }[];
    message?: string;
  };
  console.error(`duban: ${e.label ? `${e.label.zh} / ${e.label.en}` : e.message}`);
  for (const f of e.fields ?? []) console.error(`  ${f.field}: ${f.message.en}`);
  process.exit(1);
});
