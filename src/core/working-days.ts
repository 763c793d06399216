import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { IsoDate, IsoInstant } from './problem.types.js';

/**
 * China's official working-day calendar (holidays and adjusted workdays, 调休) from the
 * `chinese-days` data, plus plain calendar-date arithmetic. Dates are 'YYYY-MM-DD' strings in
 * Asia/Shanghai; everything here is pure (no clock, no time zone of the host).
 * Years beyond the package's data fall back to Monday–Friday.
 *
 * Why the JSON and not the package's `isWorkday`: the package builds its lookup tables with
 * the host's local time, so west of UTC every holiday shifts one day earlier. The published
 * JSON holds the same tables keyed by the official dates.
 */
const HOLIDAYS: Readonly<Record<string, string>> = calendar.holidays;
const ADJUSTED_WORKDAYS: Readonly<Record<string, string>> = calendar.workdays;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2021-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === value;
}

function assertIsoDate(date: IsoDate): void {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
}

function toUtcMs(date: IsoDate): number {
  assertIsoDate(date);
  return Date.parse(`${date}T00:00:00Z`);
}

const fromUtcMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** The calendar date n days after `date` (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from a to b: positive when b is later (daysBetween('2020-10-01', '2020-10-08') = 7). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

/** True when people work on that date in mainland China (weekday not a holiday, or an adjusted workday). */
export function isWorkingDay(date: IsoDate): boolean {
  const weekday = new Date(toUtcMs(date)).getUTCDay();
  if (ADJUSTED_WORKDAYS[date] !== undefined) return true;
  return weekday >= 1 && weekday <= 5 && HOLIDAYS[date] === undefined;
}

/**
 * The n-th working day after `from` (n = 1: the next working day). n = 0 returns `from`;
 * a negative n counts backwards.
 */
export function addWorkingDays(from: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  assertIsoDate(from);
  let date = from;
  for (let left = Math.abs(n); left > 0; ) {
    date = addDays(date, step);
    if (isWorkingDay(date)) left--;
  }
  return date;
}

/** The Asia/Shanghai calendar date of an instant (UTC+8 all year: China has no DST). */
export function todayInShanghai(now: IsoInstant): IsoDate {
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${String(now)}`);
  return fromUtcMs(ms + SHANGHAI_OFFSET_MS);
}
