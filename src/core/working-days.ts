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

/** Milliseconds at UTC midnight of a real 'YYYY-MM-DD' date, or NaN (rejects 2021-02-29). */
function utcMsOf(value: unknown): number {
  if (typeof value !== 'string') return Number.NaN;
  const m = ISO_DATE.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 02-30 into March and reads years 0–99 as 19xx: only an exact round trip counts.
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d
    ? ms
    : Number.NaN;
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2021-02-29). */
export function isIsoDate(value: unknown): value is IsoDate {
  return !Number.isNaN(utcMsOf(value));
}

function toUtcMs(date: IsoDate): number {
  const ms = utcMsOf(date);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${String(date)}`);
  return ms;
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

// The calendar as day numbers (days since 1970-01-01), so that counting working days walks
// integers instead of formatting and re-validating a date string per step.
const dayNumbers = (dates: Readonly<Record<string, string>>) =>
  new Set(Object.keys(dates).map((d) => toUtcMs(d) / DAY_MS));
const HOLIDAY_DAYS = dayNumbers(HOLIDAYS);
const ADJUSTED_WORKDAY_DAYS = dayNumbers(ADJUSTED_WORKDAYS);

function isWorkingDayNumber(day: number): boolean {
  if (ADJUSTED_WORKDAY_DAYS.has(day)) return true;
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday >= 1 && weekday <= 5 && !HOLIDAY_DAYS.has(day);
}

/** True when people work on that date in mainland China (weekday not a holiday, or an adjusted workday). */
export function isWorkingDay(date: IsoDate): boolean {
  return isWorkingDayNumber(toUtcMs(date) / DAY_MS);
}

/**
 * The n-th working day after `from` (n = 1: the next working day). n = 0 returns `from`;
 * a negative n counts backwards.
 */
export function addWorkingDays(from: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = toUtcMs(from) / DAY_MS;
  if (n === 0) return from;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (isWorkingDayNumber(day)) left--;
  }
  return fromUtcMs(day * DAY_MS);
}

/** The Asia/Shanghai calendar date of an instant (UTC+8 all year: China has no DST). */
export function todayInShanghai(now: IsoInstant): IsoDate {
  const ms = Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO instant: ${String(now)}`);
  return fromUtcMs(ms + SHANGHAI_OFFSET_MS);
}
