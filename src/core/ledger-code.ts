import { DomainError, fieldError } from './errors.js';

/**
 * Human ledger codes such as JL-2020-0042: the province's ISO 3166-2:CN letters, the year,
 * and a sequence number of at least four digits (it simply grows past 9999).
 */

/** GB/T 2260 province prefix (first two digits) → ISO 3166-2:CN subdivision letters. */
export const PROVINCE_LETTERS: Readonly<Record<string, string>> = {
  '11': 'BJ',
  '12': 'TJ',
  '13': 'HE',
  '14': 'SX',
  '15': 'NM',
  '21': 'LN',
  '22': 'JL',
  '23': 'HL',
  '31': 'SH',
  '32': 'JS',
  '33': 'ZJ',
  '34': 'AH',
  '35': 'FJ',
  '36': 'JX',
  '37': 'SD',
  '41': 'HA',
  '42': 'HB',
  '43': 'HN',
  '44': 'GD',
  '45': 'GX',
  '46': 'HI',
  '50': 'CQ',
  '51': 'SC',
  '52': 'GZ',
  '53': 'YN',
  '54': 'XZ',
  '61': 'SN',
  '62': 'GS',
  '63': 'QH',
  '64': 'NX',
  '65': 'XJ',
};

const PREFIX_OF_LETTERS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(PROVINCE_LETTERS).map(([prefix, letters]) => [letters, prefix]),
);

export interface LedgerCode {
  /** Six-digit GB/T 2260 code of the province, e.g. '220000'. */
  provinceCode: string;
  letters: string;
  year: number;
  seq: number;
}

const bad = (field: string, zh: string, en: string) =>
  new DomainError('VALIDATION_FAILED', { zh: '台账编号参数无效', en: 'Invalid ledger code parts' }, [
    fieldError(field, zh, en),
  ]);

/**
 * Formats a ledger code. `provinceCode` is any GB/T 2260 code whose first two digits name the
 * province ('22', '220000', or a city or county code inside it).
 */
export function formatLedgerCode(provinceCode: string, year: number, seq: number): string {
  const letters = /^\d{2}(\d{4}(\d{3}){0,2})?$/.test(provinceCode)
    ? PROVINCE_LETTERS[provinceCode.slice(0, 2)]
    : undefined;
  if (!letters)
    throw bad(
      'provinceCode',
      `未知的省级行政区划代码：${provinceCode}`,
      `Unknown province code: ${provinceCode}`,
    );
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw bad('year', '年份应为四位数', 'The year must have four digits');
  }
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw bad('seq', '序号应为正整数', 'The sequence must be a positive integer');
  return `${letters}-${year}-${String(seq).padStart(4, '0')}`;
}

const LEDGER_CODE = /^([A-Z]{2})-(\d{4})-(\d{4,})$/;

/** Parses a canonical ledger code (as `formatLedgerCode` writes it); null for anything else. */
export function parseLedgerCode(code: string): LedgerCode | null {
  const m = LEDGER_CODE.exec(code);
  if (!m) return null;
  const [, letters = '', yearText = '', seqText = ''] = m;
  const prefix = PREFIX_OF_LETTERS[letters];
  const year = Number(yearText);
  const seq = Number(seqText);
  if (!prefix || year < 1000 || !Number.isSafeInteger(seq) || seq < 1) return null;
  // One spelling per code: JL-2020-00042 is not another way to write JL-2020-0042.
  if (seqText !== String(seq).padStart(4, '0')) return null;
  return { provinceCode: `${prefix}0000`, letters, year, seq };
}
