import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { createServiceContext, type ServiceContext } from '../services/context.js';
import type { FieldCipher } from '../services/crypto/field-cipher.js';
import { runtimeCipher } from './cipher.js';
import { type Config, loadConfig } from './config.js';

/** Opens the configured database, migrated, with a service context on the real clock. */
export async function openRuntime(
  config: Config = loadConfig(),
  options: { cipher?: FieldCipher } = {},
): Promise<{ config: Config; database: Database; ctx: ServiceContext }> {
  const database = openDatabase(config.databaseUrl, {
    durability: config.durability,
    sqliteCacheMb: config.sqliteCacheMb,
  });
  await migrateToLatest(database.db);
  const ctx = createServiceContext(database.db, database.engine, {
    dataDir: config.dataDir,
    cacheTtlMs: config.cacheTtlMs,
    cipher: options.cipher ?? runtimeCipher(process.env, config.dataDir),
    awaitDurable: database.awaitDurable,
  });
  return { config, database, ctx };
}
