import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import { formatLedgerCode, PROVINCE_LETTERS, parseLedgerCode } from '../../src/core/ledger-code.js';

describe('formatLedgerCode', () => {
  it.each([
    ['220000', 2020, 42, 'JL-2020-0042'],
    ['22', 2020, 42, 'JL-2020-0042'],
    ['130000', 2018, 1, 'HE-2018-0001'],
    ['220581', 2020, 7, 'JL-2020-0007'],
    ['460000', 2021, 9999, 'HI-2021-9999'],
    ['650000', 2021, 10000, 'XJ-2021-10000'],
  ])('formats %s %i #%i as %s', (province, year, seq, code) => {
    expect(formatLedgerCode(province, year, seq)).toBe(code);
  });

  it.each([
    ['99', 2020, 1, 'provinceCode'],
    ['710000', 2020, 1, 'provinceCode'],
    ['2200', 2020, 1, 'provinceCode'],
    ['220000', 20, 1, 'year'],
    ['220000', 2020, 0, 'seq'],
    ['220000', 2020, 1.5, 'seq'],
  ])('refuses %s %s #%s (%s)', (province, year, seq, field) => {
    try {
      formatLedgerCode(province, year, seq);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields[0]?.field).toBe(field);
    }
  });
});

describe('parseLedgerCode', () => {
  it('parses a code into province, year and sequence', () => {
    expect(parseLedgerCode('JL-2020-0042')).toEqual({
      provinceCode: '220000',
      letters: 'JL',
      year: 2020,
      seq: 42,
    });
    expect(parseLedgerCode('XJ-2021-10000')?.seq).toBe(10000);
  });

  it.each(['JL-2020-42', 'JL-2020-00042', 'XX-2020-0042', 'jl-2020-0042', 'JL-2020-0000', 'JL2020-0042', ''])(
    'returns null for %j',
    (code) => {
      expect(parseLedgerCode(code)).toBeNull();
    },
  );

  it('round-trips every province, year and sequence', () => {
    const prefixes = Object.keys(PROVINCE_LETTERS);
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (prefix, year, seq) => {
          const parsed = parseLedgerCode(formatLedgerCode(`${prefix}0000`, year, seq));
          expect(parsed).toEqual({
            provinceCode: `${prefix}0000`,
            letters: PROVINCE_LETTERS[prefix],
            year,
            seq,
          });
        },
      ),
    );
  });
});
