import { seedReferenceData } from '../db/reference/seed-reference.js';
import { buildApp } from '../http/app.js';
import { createToken, findUserByLogin } from '../services/accounts.service.js';
import { progressBar } from './progress.js';
import { openRuntime } from './runtime.js';

/** Starts the server; with `demo`, loads the illustrative data into an empty database first. */
export async function serve(options: { demo: boolean }): Promise<void> {
  const { config, database, ctx } = await openRuntime();
  await seedReferenceData(ctx.db, { onProgress: progressBar('loading regions 行政区划') });
  const lines: string[] = [];
  if (options.demo) {
    const { loadDemo, DEMO_ACCOUNTS } = await import('../services/demo/demo.loader.js');
    const hasData = await ctx.db.selectFrom('campaigns').select('id').limit(1).executeTakeFirst();
    if (!hasData) console.log((await loadDemo(ctx)).message);
    lines.push('Demo accounts 示例账号 (illustrative data 示例数据):');
    for (const account of DEMO_ACCOUNTS) {
      if (!(await findUserByLogin(ctx, account.login))) continue;
      const { token } = await createToken(ctx, account.login, { name: 'demo start', expiresInDays: 30 });
      lines.push(`  ${account.login.padEnd(14)} ${account.description}\n    token: ${token}`);
    }
  }
  const app = await buildApp({ ctx, logger: { level: config.logLevel } });
  const stop = async () => {
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
  if (lines.length)
    console.log(`${lines.join('\n')}\n  try: curl -H "Authorization: Bearer <token>" ${url}/api/v1/problems`);
}
