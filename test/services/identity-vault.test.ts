import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/core/actor.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { seedReferenceData } from '../../src/db/reference/seed-reference.js';
import { receiveComplaint } from '../../src/services/complaints/complaint.service.js';
import { openIdentity } from '../../src/services/complaints/identity-vault.js';
import { createServiceContext } from '../../src/services/context.js';
import { cipherFromConfig } from '../../src/services/crypto/cipher-config.js';

const KEY = randomBytes(32).toString('base64');
const complaint = (name: string) => ({
  channel: 'hotline_12369' as const,
  content: '长春市某热电厂夜间烟囱冒黑烟，附近居民反映强烈。',
  place: '长春市某热电厂',
  pollutionType: 'air' as const,
  regionCode: '220100',
  complainant: { name, phone: '13700000003' },
});

describe.each(['aes-256-gcm', 'sm4'] as const)('the identity vault with %s', (cipherName) => {
  it('seals with the configured cipher, binds each value to its complaint, and audits opening', async () => {
    const database = openDatabase('sqlite::memory:');
    await migrateToLatest(database.db);
    await seedReferenceData(database.db, { provinces: ['220000'], towns: false });
    const cipher = cipherFromConfig({ DUBAN_ENCRYPTION_KEY: KEY, DUBAN_CIPHER: cipherName });
    const ctx = createServiceContext(database.db, database.engine, { cipher });
    const a = (await receiveComplaint(ctx, SYSTEM_ACTOR, complaint('周一'))).value;
    const b = (await receiveComplaint(ctx, SYSTEM_ACTOR, complaint('吴二'))).value;
    const rows = await ctx.db.selectFrom('complainant_identities').selectAll().execute();
    const prefix = cipherName === 'sm4' ? 'sm4-ctr-hmac-sm3:' : 'aes-256-gcm:';
    expect(rows.every((r) => r.sealed.startsWith(prefix) && !r.sealed.includes('13700000003'))).toBe(true);

    expect(await openIdentity(ctx, { actorId: SYSTEM_ACTOR.userId }, a.id, 'handling')).toEqual({
      name: '周一',
      phone: '13700000003',
    });
    // A sealed identity copied onto another complaint does not open there.
    const sealedA = rows.find((r) => r.complaint_id === a.id)!.sealed;
    await ctx.db
      .updateTable('complainant_identities')
      .set({ sealed: sealedA })
      .where('complaint_id', '=', b.id)
      .execute();
    await expect(openIdentity(ctx, { actorId: SYSTEM_ACTOR.userId }, b.id, 'handling')).rejects.toThrow();
    // Another key opens nothing.
    const stranger = createServiceContext(database.db, database.engine, {
      cipher: cipherFromConfig({
        DUBAN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        DUBAN_CIPHER: cipherName,
      }),
    });
    await expect(
      openIdentity(stranger, { actorId: SYSTEM_ACTOR.userId }, a.id, 'handling'),
    ).rejects.toThrow();

    const reads = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'pii.read').execute();
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ resource_id: a.id, outcome: 'success' });
    await database.close();
  });
});
