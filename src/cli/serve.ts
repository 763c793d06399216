import { listenForCountNotices } from '../db/count-notices.js';
import { seedReferenceData } from '../db/reference/seed-reference.js';
import { buildApp } from '../http/app.js';
import { serverJobs } from '../jobs/index.js';
import { startScheduler } from '../jobs/scheduler.js';
import { setDemoPassword } from '../services/accounts/password.service.js';
import type { AccountSettings } from '../services/accounts/settings.js';
import { createToken, findUserByLogin } from '../services/accounts.service.js';
import type { ServiceContext } from '../services/context.js';
import { accountSettingsFor, effectiveMode } from './config.accounts.js';
import { loadConfig } from './config.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';

/**
 * Starts the server; with `demo`, loads the illustrative data into an empty database first
 * and gives each demo account the demo password. Production mode refuses the demo.
 */
export async function serve(options: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  const mode = effectiveMode(config.security, options.demo);
  // Refuses production without DUBAN_ENCRYPTION_KEY before anything is opened; the same cipher
  // seals TOTP secrets and complainant identities.
  const accounts = accountSettingsFor(config.security, mode, process.env, config.dataDir);
  const { database, ctx } = await openRuntime(config, { cipher: accounts.cipher });
  await seedReferenceData(ctx.db, { onProgress: progressBar('loading regions 行政区划') });
  const lines = options.demo ? await prepareDemo(ctx, accounts) : [];
  const app = await buildApp({
    ctx,
    logger: { level: config.logLevel },
    logRequests: config.logRequests,
    accounts,
    hardening: config.security.hardening,
    trustProxy: config.security.trustProxy,
  });
  // PostgreSQL: hear other processes' count moves, so unchanged dashboards cost no round trip.
  const listener = database.newClient
    ? await listenForCountNotices(ctx.db, database.newClient, {
        onError: (err) =>
          app.log.warn(
            { err },
            'count notices: listener lost, reconnecting (dashboards ask the database meanwhile)',
          ),
      })
    : undefined;
  const scheduler = startScheduler(ctx, serverJobs(accounts), config.jobIntervalMs, {
    onRan: (job, owner) => app.log.info({ job, owner }, 'scheduled job ran'),
    onError: (err) => app.log.error({ err }, 'scheduled job failed'),
  });
  const stop = async () => {
    scheduler.stop();
    await listener?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  console.log(`\nduban 督办 is running at ${url}  (database: ${database.engine} ${database.location})`);
  console.log(`API docs: ${url}/api/docs   OpenAPI: ${url}/api/v1/openapi.json   health: ${url}/healthz`);
  if (mode === 'demo') {
    console.log(
      'DEMO MODE 演示模式: no second factor, demo passwords allowed. Set DUBAN_MODE=production for real use.',
    );
  }
  if (lines.length) {
    console.log(
      `${lines.join('\n')}\n  sign in: POST ${url}/api/v1/session {"login","password"}` +
        `\n  or: curl -H "Authorization: Bearer <token>" ${url}/api/v1/problems`,
    );
  }
}

/** Loads the demo once, then (on every start) resets each demo account's password and prints it. */
async function prepareDemo(ctx: ServiceContext, accounts: AccountSettings): Promise<string[]> {
  const { loadDemo, DEMO_ACCOUNTS } = await import('../services/demo/demo.loader.js');
  const hasData = await ctx.db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
  if (!hasData) console.log((await loadDemo(ctx)).message);
  const lines = ['Demo accounts 示例账号 (illustrative data 示例数据):'];
  for (const account of DEMO_ACCOUNTS) {
    const user = await findUserByLogin(ctx, account.login);
    if (!user) continue;
    const password = await setDemoPassword(ctx, accounts, user.id);
    const { token } = await createToken(ctx, account.login, { name: 'demo start', expiresInDays: 30 });
    lines.push(
      `  ${account.login.padEnd(14)} ${account.description}\n    password: ${password}   token: ${token}`,
    );
  }
  return lines;
}
