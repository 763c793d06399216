import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/core/common-passwords.js';
import {
  characterClasses,
  checkPassword,
  DEFAULT_PASSWORD_POLICY,
  isCommonPassword,
  passwordExpired,
} from '../../src/core/password-policy.js';

const problems = (password: string, login = 'zhang.wei', policy = DEFAULT_PASSWORD_POLICY) =>
  checkPassword(password, { login }, policy).map((e) => e.message.en);

describe('checkPassword', () => {
  it.each([
    ['Qingshan-Lvshui9', [], 'four classes, 16 characters'],
    ['lvshui-qingshan', ['at least 3 of'], 'two classes: lower-case and a symbol'],
    ['Ab1!', ['at least 8'], 'too short'],
    ['abcdefgh', ['at least 3 of'], 'one class'],
    ['abcd1234x', ['at least 3 of'], 'two classes'],
    ['Woaini1314', ['too common'], 'a Chinese favourite, capitalised'],
    ['woaini1314!', ['too common'], 'a Chinese favourite with trailing punctuation'],
    ['Qq123456', ['too common'], 'qq123456 with a capital'],
    ['A123456.', ['too common'], 'a123456 dressed up'],
    ['P@ssw0rd', ['too common'], 'the classic'],
    [DEMO_PASSWORD, ['too common'], 'the demo password'],
    ['Zhang.Wei-2020', ['must not contain the login'], 'contains the login, any case'],
  ])('%s → %j (%s)', (password, expected) => {
    const found = problems(password);
    expect(found.length).toBe(expected.length);
    for (const e of expected) expect(found.some((m) => m.includes(e))).toBe(true);
  });

  it('names the field and speaks both languages', () => {
    const [error] = checkPassword('short', { login: 'li' }, DEFAULT_PASSWORD_POLICY, 'newPassword');
    expect(error?.field).toBe('newPassword');
    expect(error?.message.zh).toMatch(/密码至少 8 位/);
    expect(error?.message.en).toMatch(/12 or more recommended/);
  });

  it('follows the configured minimum length and classes', () => {
    const strict = { ...DEFAULT_PASSWORD_POLICY, minLength: 12, minClasses: 4 };
    expect(problems('Qingshan-9', 'li', strict)).toHaveLength(1);
    expect(problems('qingshan-lvshui9', 'li', strict)).toHaveLength(1);
    expect(problems('Qingshan-Lvshui9', 'li', strict)).toEqual([]);
  });

  it('matches short logins only exactly, so "li" does not forbid "Climbing"', () => {
    expect(problems('Climbing-Hill7', 'li')).toEqual([]);
  });

  it('refuses absurdly long passwords (hashing cost)', () => {
    expect(problems(`Aa1!${'x'.repeat(200)}`)).toEqual([expect.stringContaining('at most 128')]);
  });

  it('counts Chinese characters as the fourth class', () => {
    expect(characterClasses('青山绿水abc1')).toBe(3);
    expect(isCommonPassword('123456789')).toBe(true);
  });
});

describe('passwordExpired', () => {
  const changed = '2020-01-01T00:00:00Z';
  it.each([
    ['2020-03-30T23:59:59Z', 90, false],
    ['2020-03-31T00:00:00Z', 90, true],
    ['2030-01-01T00:00:00Z', 0, false],
  ])('at %s with max age %i days → %s', (now, maxAgeDays, expected) => {
    expect(passwordExpired(changed, new Date(now), { ...DEFAULT_PASSWORD_POLICY, maxAgeDays })).toBe(
      expected,
    );
  });

  it('never expires a password that was never set', () => {
    expect(passwordExpired(null, new Date(), DEFAULT_PASSWORD_POLICY)).toBe(false);
  });
});
