import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cipherFromConfig } from '../services/crypto/cipher-config.js';
import type { FieldCipher } from '../services/crypto/field-cipher.js';

type Env = Record<string, string | undefined>;

export const DEMO_KEY_FILE = 'demo-encryption.key';

/**
 * The field cipher for this process. DUBAN_ENCRYPTION_KEY when set (required in production,
 * see config.accounts.ts); otherwise — the demo and local use — a random key kept in a file
 * beside the data (mode 0600), so sealed demo data stays readable across restarts while the key
 * still never enters the database.
 */
export function runtimeCipher(env: Env, dataDir: string): FieldCipher {
  if (env.DUBAN_ENCRYPTION_KEY?.trim()) return cipherFromConfig(env);
  return cipherFromConfig({ ...env, DUBAN_ENCRYPTION_KEY: demoKey(dataDir) });
}

function demoKey(dataDir: string): string {
  const file = join(dataDir, DEMO_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
