import type { Command } from 'commander';
import { sealAudit } from '../services/audit/audit.seal.js';
import { formatReport, verifyAuditTrail } from '../services/audit/audit.verify.js';
import { openRuntime } from './runtime.js';

const sealed = (cp: Awaited<ReturnType<typeof sealAudit>>) =>
  cp ? `sealed checkpoint ${cp.seq} at ${cp.sealed_at} (${cp.hash_alg}): ${cp.hash}` : 'nothing new to seal';

/** `duban audit verify | seal`: checks the chains, and seals their heads into a checkpoint. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit trail (审计)');
  audit
    .command('verify')
    .description('check every event chain, audit chain and checkpoint; exit 1 at the first broken link')
    .option('--no-seal', 'do not seal the verified heads afterwards')
    .action(async (opts: { seal: boolean }) => {
      const { database, ctx } = await openRuntime();
      try {
        const report = await verifyAuditTrail(ctx.db);
        for (const line of formatReport(report)) console.log(line);
        // Only an intact trail is sealed: a seal must never vouch for a broken chain.
        if (report.ok && opts.seal) console.log(sealed(await sealAudit(ctx.db, ctx.clock.now())));
        if (!report.ok) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
  audit
    .command('seal')
    .description('write a checkpoint of the audit chains that grew (copy its hash somewhere safe)')
    .action(async () => {
      const { database, ctx } = await openRuntime();
      try {
        console.log(sealed(await sealAudit(ctx.db, ctx.clock.now())));
      } finally {
        await database.close();
      }
    });
}
