import { describe, expect, it } from 'vitest';
import { auditCsv, csvCell } from '../../src/services/audit/audit.csv.js';
import { auditSettings } from '../../src/services/audit/audit.settings.js';

describe('audit settings', () => {
  it('defaults to SHA-256 and 180 days', () => {
    expect(auditSettings({})).toEqual({ hashAlgorithm: 'sha256', retentionDays: 180 });
  });

  it('takes SM3 and a longer retention', () => {
    expect(auditSettings({ DUBAN_AUDIT_HASH: 'SM3', DUBAN_AUDIT_RETENTION_DAYS: '365' })).toEqual({
      hashAlgorithm: 'sm3',
      retentionDays: 365,
    });
  });

  it.each([['179'], ['90'], ['0'], ['-1'], ['half a year'], ['180.5']])(
    'refuses a retention of %s days (网络安全法: at least six months)',
    (days) => {
      expect(() => auditSettings({ DUBAN_AUDIT_RETENTION_DAYS: days })).toThrow(/at least 180/);
    },
  );

  it('refuses an unknown hash algorithm', () => {
    expect(() => auditSettings({ DUBAN_AUDIT_HASH: 'md5' })).toThrow(/sha256 or sm3/);
  });
});

describe('audit CSV', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['problem.assigned', 'problem.assigned'],
    ['a,b', '"a,b"'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves numbers and empty values alone', () => {
    expect([csvCell(-3), csvCell(null)]).toEqual(['-3', '']);
  });

  it('starts with a BOM and a header, with CRLF lines', () => {
    const csv = auditCsv([]);
    expect(csv.startsWith('\uFEFFoccurred_at,actor_id,action,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
