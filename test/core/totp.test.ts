import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from '../../src/core/totp.js';

// RFC 6238 appendix B: the seeds are ASCII "1234567890" repeated to the hash's block size.
const SHA1 = Buffer.from('12345678901234567890');
const SHA256 = Buffer.from('12345678901234567890123456789012');
const SHA512 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('RFC 6238 appendix B known answers', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('T = %i s', (seconds, sha1, sha256, sha512) => {
    const now = new Date(seconds * 1000);
    expect(totp(SHA1, now, { digits: 8 })).toBe(sha1);
    expect(totp(SHA256, now, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totp(SHA512, now, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });
});

describe('RFC 4226 appendix D known answers', () => {
  it.each([
    [0, '755224'],
    [1, '287082'],
    [9, '520489'],
  ])('counter %i → %s', (counter, code) => {
    expect(hotp(SHA1, counter)).toBe(code);
  });
});

describe('verifyTotp', () => {
  const now = new Date('2020-08-03T02:00:00Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts the current code and one step of drift either way, returning the step', () => {
    expect(verifyTotp(SHA1, totp(SHA1, now), now)).toBe(step);
    expect(verifyTotp(SHA1, totp(SHA1, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(verifyTotp(SHA1, totp(SHA1, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
  });

  it('refuses codes two steps away, malformed codes and replays', () => {
    expect(verifyTotp(SHA1, totp(SHA1, new Date(now.getTime() - 60_000)), now)).toBeNull();
    expect(verifyTotp(SHA1, '12345', now)).toBeNull();
    expect(verifyTotp(SHA1, 'abcdef', now)).toBeNull();
    expect(verifyTotp(SHA1, totp(SHA1, now), now, { lastStep: step })).toBeNull();
  });
});

describe('base32 and otpauth', () => {
  it('round-trips secrets and matches RFC 4648 vectors', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw6ytboi======').toString()).toBe('foobar');
    const secret = Buffer.from('0123456789abcdefghij');
    expect(base32Decode(base32Encode(secret))).toEqual(secret);
  });

  it('builds the URI an authenticator app reads', () => {
    const uri = otpauthUri({ issuer: '督办 duban', account: 'zhang.wei', secret: 'JBSWY3DPEHPK3PXP' });
    expect(uri).toMatch(
      /^otpauth:\/\/totp\/%E7%9D%A3%E5%8A%9E%20duban%3Azhang\.wei\?secret=JBSWY3DPEHPK3PXP/,
    );
    expect(uri).toContain('digits=6');
  });
});
