import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  daysBetween,
  isIsoDate,
  isWorkingDay,
  todayInShanghai,
} from '../../src/core/working-days.js';

describe('isWorkingDay', () => {
  it.each([
    ['2020-09-27', true, 'adjusted Sunday workday before National Day'],
    ['2020-10-01', false, 'National Day and Mid-Autumn'],
    ['2020-10-08', false, 'last day of the golden week'],
    ['2020-10-09', true, 'Friday after the golden week'],
    ['2020-10-10', true, 'adjusted Saturday workday'],
    ['2020-10-11', false, 'ordinary Sunday'],
    ['2020-07-20', true, 'ordinary Monday'],
    ['2020-07-25', false, 'ordinary Saturday'],
    ['2024-02-04', true, 'adjusted Sunday before Spring Festival 2024'],
    ['2024-02-12', false, 'Spring Festival 2024 on a Monday'],
  ])('%s is %s (%s)', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it('rejects strings that are not dates', () => {
    expect(() => isWorkingDay('2020-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('20200101')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('skips the National Day golden week and counts the adjusted Saturday', () => {
    expect(addWorkingDays('2020-09-30', 1)).toBe('2020-10-09');
    expect(addWorkingDays('2020-09-30', 2)).toBe('2020-10-10');
    expect(addWorkingDays('2020-09-30', 3)).toBe('2020-10-12');
  });

  it('counts the adjusted Sunday 2020-09-27 as a working day', () => {
    expect(addWorkingDays('2020-09-25', 1)).toBe('2020-09-27');
    expect(addWorkingDays('2020-09-26', 1)).toBe('2020-09-27');
  });

  it('gives 30 working days from a July acknowledgement (the central plan rule)', () => {
    expect(addWorkingDays('2020-07-20', 30)).toBe('2020-08-31');
  });

  it('returns the date itself for 0 and counts backwards for negative n', () => {
    expect(addWorkingDays('2020-10-03', 0)).toBe('2020-10-03');
    expect(addWorkingDays('2020-10-09', -1)).toBe('2020-09-30');
  });

  it('falls back to Monday to Friday beyond the holiday data', () => {
    expect(addWorkingDays('2099-01-02', 1)).toBe('2099-01-05');
  });

  it('agrees with a day-by-day walk over the calendar, forwards and backwards', () => {
    // The reference reads the published calendar and the weekday of a Date, day by day.
    const works = (date: string) => {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (date in calendar.workdays) return true;
      return weekday >= 1 && weekday <= 5 && !(date in calendar.holidays);
    };
    const walk = (from: string, n: number) => {
      let date = from;
      for (let left = Math.abs(n); left > 0; ) {
        date = addDays(date, Math.sign(n));
        if (works(date)) left--;
      }
      return date;
    };
    const day = fc
      .integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2031, 0, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: -90, max: 90 }), (from, n) => {
        expect(addWorkingDays(from, n)).toBe(walk(from, n));
      }),
      { numRuns: 500 },
    );
  });
});

describe('calendar arithmetic', () => {
  it('adds days across months, leap days and years', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2020-12-31', 1)).toBe('2021-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });

  it('measures signed days between dates', () => {
    expect(daysBetween('2020-10-01', '2020-10-08')).toBe(7);
    expect(daysBetween('2020-10-08', '2020-10-01')).toBe(-7);
    expect(daysBetween('2019-12-31', '2021-01-01')).toBe(367);
  });

  it('recognises ISO dates only', () => {
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2020-1-5')).toBe(false);
    expect(isIsoDate(20200101)).toBe(false);
    expect(isIsoDate('2021-04-31')).toBe(false);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('0050-01-01')).toBe(false);
  });
});

describe('todayInShanghai', () => {
  it('moves to the next date at 16:00 UTC', () => {
    expect(todayInShanghai('2020-09-30T15:59:59.999Z')).toBe('2020-09-30');
    expect(todayInShanghai('2020-09-30T16:00:00.000Z')).toBe('2020-10-01');
  });

  it('accepts instants with an offset', () => {
    expect(todayInShanghai('2020-10-01T00:30:00+08:00')).toBe('2020-10-01');
  });

  it('rejects what is not an instant', () => {
    expect(() => todayInShanghai('yesterday')).toThrow(RangeError);
  });
});
