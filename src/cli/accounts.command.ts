import type { Command } from 'commander';
import { disableInactiveAccounts } from '../services/accounts/inactivity.service.js';
import { initFirstAdmin, resetPassword } from '../services/accounts/recovery.service.js';
import { accountSettings } from '../services/accounts/settings.js';
import { findUserByLogin } from '../services/accounts.service.js';
import { effectiveMode } from './config.accounts.js';
import { loadConfig } from './config.js';
import { openRuntime } from './runtime.js';

/** Settings for commands that hash passwords but never touch second-factor secrets. */
function passwordSettings() {
  const config = loadConfig();
  return {
    config,
    settings: accountSettings({ ...config.security.accounts, mode: effectiveMode(config.security, false) }),
  };
}

/** `duban init`, `duban user reset-password`, `duban user disable-inactive`. */
export function registerAccountCommands(program: Command, user: Command): void {
  program
    .command('init')
    .description('create the first system administrator (系统管理员) with a one-time secret, printed once')
    .requiredOption('--login <login>')
    .option('--name <name>', 'display name')
    .action(async (opts: { login: string; name?: string }) => {
      const { config, settings } = passwordSettings();
      const { database, ctx } = await openRuntime(config);
      const { account, oneTimeSecret } = await initFirstAdmin(ctx, settings, {
        login: opts.login,
        displayName: opts.name,
      });
      console.log(`system administrator ${account.login} created (${account.id}).`);
      console.log(
        'One-time secret, shown only now; it must be changed at the first sign-in 一次性口令（仅显示一次，首次登录须修改）:',
      );
      console.log(oneTimeSecret);
      await database.close();
    });

  user
    .command('reset-password')
    .description('give an account a new one-time secret (recovery, e.g. a locked-out administrator)')
    .requiredOption('--login <login>')
    .action(async (opts: { login: string }) => {
      const { config, settings } = passwordSettings();
      const { database, ctx } = await openRuntime(config);
      const found = await findUserByLogin(ctx, opts.login);
      if (!found) throw new Error(`no user ${opts.login}`);
      const { oneTimeSecret } = await resetPassword(ctx, settings, null, found.id);
      console.log(`one-time secret for ${opts.login} (must be changed at the next sign-in):`);
      console.log(oneTimeSecret);
      await database.close();
    });

  user
    .command('disable-inactive')
    .description('disable accounts unused for DUBAN_INACTIVE_DAYS (default 90) days')
    .action(async () => {
      const { config, settings } = passwordSettings();
      const { database, ctx } = await openRuntime(config);
      const disabled = await disableInactiveAccounts(ctx, settings);
      console.log(disabled.length ? `disabled: ${disabled.join(', ')}` : 'no inactive accounts');
      await database.close();
    });
}
