import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_DATABASE_URL, DEFAULT_SQLITE_CACHE_MB, type Durability } from '../db/database.js';
import { loadSecurityConfig, type SecurityConfig, type SecurityFile } from './config.accounts.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  /** full: each change is acknowledged only once it survives power loss (SQLite: group commit). */
  durability: Durability;
  /** SQLite's page cache per connection, in MiB (DUBAN_SQLITE_CACHE_MB; docs/operations.md). */
  sqliteCacheMb: number;
  logLevel: string;
  /** Access log of every request (LOG_REQUESTS=true); off by default, the audit records changes. */
  logRequests: boolean;
  /** How long a process may reuse an actor or a campaign's rules it read (0 = never). */
  cacheTtlMs: number;
  /** How often each process looks for due scheduled work. */
  jobIntervalMs: number;
  /** Mode, sign-in, sessions, second factor, rate limits (config.accounts.ts, docs/security.md). */
  security: SecurityConfig;
}

type Env = Record<string, string | undefined>;

/**
 * DUBAN_DURABILITY (normal | full). The older DUBAN_SQLITE_SYNCHRONOUS=FULL still asks for
 * power-loss durability and now gets it through group commit instead of an fsync per commit.
 */
function durability(env: Env, file: { durability?: string; sqliteSynchronous?: string }): Durability {
  const value = env.DUBAN_DURABILITY ?? file.durability;
  if (value !== undefined) {
    const d = value.toLowerCase();
    if (d !== 'normal' && d !== 'full') throw new Error('DUBAN_DURABILITY must be normal or full');
    return d;
  }
  const sync = (env.DUBAN_SQLITE_SYNCHRONOUS ?? file.sqliteSynchronous ?? 'NORMAL').toUpperCase();
  if (sync !== 'NORMAL' && sync !== 'FULL')
    throw new Error('DUBAN_SQLITE_SYNCHRONOUS must be NORMAL or FULL');
  return sync === 'FULL' ? 'full' : 'normal';
}

function positive(name: string, value: string | number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got ${value})`);
  return n;
}

/**
 * Configuration from an optional JSON file (DUBAN_CONFIG, default ./duban.config.json),
 * overridden by the environment: PORT, HOST, DATABASE_URL, DUBAN_DATA_DIR, …
 */
export function loadConfig(env: Env = process.env): Config {
  const file = resolve(env.DUBAN_CONFIG ?? 'duban.config.json');
  const fromFile: Partial<Omit<Config, 'security' | 'durability'>> & {
    security?: SecurityFile;
    durability?: string;
    sqliteSynchronous?: string;
  } = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const port = Number(env.PORT ?? fromFile.port ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0–65535 (got ${env.PORT})`);
  const dataDir = env.DUBAN_DATA_DIR ?? fromFile.dataDir ?? './data';
  return {
    port,
    host: env.HOST ?? fromFile.host ?? '127.0.0.1',
    databaseUrl:
      env.DATABASE_URL ||
      fromFile.databaseUrl ||
      (dataDir === './data' ? DEFAULT_DATABASE_URL : `sqlite:${dataDir}/duban.db`),
    dataDir,
    durability: durability(env, fromFile),
    sqliteCacheMb: positive(
      'DUBAN_SQLITE_CACHE_MB',
      env.DUBAN_SQLITE_CACHE_MB ?? fromFile.sqliteCacheMb ?? DEFAULT_SQLITE_CACHE_MB,
    ),
    logLevel: env.LOG_LEVEL ?? fromFile.logLevel ?? 'info',
    logRequests: (env.LOG_REQUESTS ?? String(fromFile.logRequests ?? false)) === 'true',
    cacheTtlMs: Number(env.DUBAN_CACHE_TTL_MS ?? fromFile.cacheTtlMs ?? 5000),
    jobIntervalMs: positive(
      'DUBAN_JOB_INTERVAL_MS',
      env.DUBAN_JOB_INTERVAL_MS ?? fromFile.jobIntervalMs ?? 60_000,
    ),
    security: loadSecurityConfig(env, fromFile.security),
  };
}
