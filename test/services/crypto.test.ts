import { createCipheriv, createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cipherFromConfig, encryptionKeyFrom } from '../../src/services/crypto/cipher-config.js';
import { aesGcmCipher, type FieldCipher } from '../../src/services/crypto/field-cipher.js';
import { sm4CtrHmacSm3Cipher } from '../../src/services/crypto/sm4-hmac-sm3.js';

const hex = (s: string) => Buffer.from(s, 'hex');
const KEY_B64 = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7 + 1)).toString('base64');

describe('known answers of the primitives the ciphers rest on', () => {
  it('SM3("abc") (GB/T 32905-2016 example 1)', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('SM4 one block (GB/T 32907-2016 example 1)', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    const ecb = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    expect(Buffer.concat([ecb.update(k), ecb.final()]).toString('hex')).toBe(
      '681edf34d206965e86b3e94f536e4246',
    );
  });

  it('SM4-CTR (published 64-byte vector, key 0123…3210, IV 0001…0f)', () => {
    const pt = hex(['aa', 'bb', 'cc', 'dd', 'ee', 'ff', 'ee', 'aa'].map((b) => b.repeat(8)).join(''));
    const ctr = createCipheriv(
      'sm4-ctr',
      hex('0123456789abcdeffedcba9876543210'),
      hex('000102030405060708090a0b0c0d0e0f'),
    );
    expect(Buffer.concat([ctr.update(pt), ctr.final()]).toString('hex')).toBe(
      'ac3236cb970cc20791364c395a1342d1a3cbc1878c6f30cd074cce385cdd70c7f234bc0e24c11980fd1286310ce37b922a46b894bee4feb79a3822940c935405',
    );
  });

  it.each([
    [
      '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20',
      Buffer.from('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2)),
      'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    ],
    [
      '0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425',
      Buffer.alloc(50, 0xcd),
      '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    ],
  ])('HMAC-SM3 (GM/T 0042-2015 appendix D.3) with key %s', (key, message, mac) => {
    expect(createHmac('sm3', hex(key)).update(message).digest('hex')).toBe(mac);
  });

  it('HMAC-SM3 agrees with HMAC built by hand from SM3 (RFC 2104)', () => {
    const key = Buffer.alloc(64, 0);
    Buffer.from('督办审计密钥').copy(key);
    const pad = (b: number) => Buffer.from(key.map((x) => x ^ b));
    const inner = createHash('sm3').update(pad(0x36)).update('整改台账').digest();
    const outer = createHash('sm3').update(pad(0x5c)).update(inner).digest('hex');
    expect(createHmac('sm3', Buffer.from('督办审计密钥')).update('整改台账').digest('hex')).toBe(outer);
  });

  it('AES-256-GCM (GCM specification test case 16)', () => {
    const gcm = createCipheriv(
      'aes-256-gcm',
      hex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'),
      hex('cafebabefacedbaddecaf888'),
    );
    gcm.setAAD(hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'));
    const pt = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39',
    );
    expect(Buffer.concat([gcm.update(pt), gcm.final()]).toString('hex')).toBe(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662',
    );
    expect(gcm.getAuthTag().toString('hex')).toBe('76fc6ece0f4e1768cddf8853bb2d551b');
  });
});

const flipByte = (ciphertext: string, part: number): string => {
  const parts = ciphertext.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64');
  bytes[0]! ^= 0x01;
  parts[part] = bytes.toString('base64');
  return parts.join(':');
};

describe.each<[string, FieldCipher, number[]]>([
  ['AES-256-GCM', aesGcmCipher(Buffer.alloc(32, 7)), [1, 2, 3]],
  ['SM4-CTR + HMAC-SM3', sm4CtrHmacSm3Cipher(Buffer.alloc(16, 3), Buffer.alloc(32, 9)), [1, 2, 3]],
])('%s field cipher', (_name, cipher, parts) => {
  const secret = '张三 13912345678 吉林省长春市';

  it('round-trips with a fresh IV each time and says which algorithm it used', () => {
    const a = cipher.encrypt(secret, 'complaint:1');
    expect(a.startsWith(`${cipher.algorithm}:`)).toBe(true);
    expect(a).not.toBe(cipher.encrypt(secret, 'complaint:1'));
    expect(a).not.toContain('139');
    expect(cipher.decrypt(a, 'complaint:1')).toBe(secret);
  });

  it.each(parts)('rejects a flipped byte in part %i', (part) => {
    expect(() =>
      cipher.decrypt(flipByte(cipher.encrypt(secret, 'complaint:1'), part), 'complaint:1'),
    ).toThrow();
  });

  it('rejects the ciphertext under another row’s associated data', () => {
    expect(() => cipher.decrypt(cipher.encrypt(secret, 'complaint:1'), 'complaint:2')).toThrow();
  });
});

describe('cipherFromConfig', () => {
  it('uses AES-256-GCM by default and SM4 on request, each reading the other’s ciphertexts', () => {
    const aes = cipherFromConfig({ DUBAN_ENCRYPTION_KEY: KEY_B64 });
    const sm4 = cipherFromConfig({ DUBAN_ENCRYPTION_KEY: KEY_B64, DUBAN_CIPHER: 'sm4' });
    expect([aes.algorithm, sm4.algorithm]).toEqual(['aes-256-gcm', 'sm4-ctr-hmac-sm3']);
    expect(sm4.decrypt(aes.encrypt('身份', 'u1'), 'u1')).toBe('身份');
    expect(aes.decrypt(sm4.encrypt('身份', 'u1'), 'u1')).toBe('身份');
  });

  it('derives its keys: the master key itself does not decrypt', () => {
    const sealed = cipherFromConfig({ DUBAN_ENCRYPTION_KEY: KEY_B64 }).encrypt('x', 'a');
    expect(() => aesGcmCipher(Buffer.from(KEY_B64, 'base64')).decrypt(sealed, 'a')).toThrow();
  });

  it.each<[Record<string, string>, RegExp]>([
    [{}, /DUBAN_ENCRYPTION_KEY is not set/],
    [{ DUBAN_ENCRYPTION_KEY: 'not base64!' }, /not valid base64/],
    [{ DUBAN_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') }, /32 bytes \(it decodes to 16\)/],
    [{ DUBAN_ENCRYPTION_KEY: Buffer.alloc(32, 0).toString('base64') }, /not random/],
    [{ DUBAN_ENCRYPTION_KEY: KEY_B64, DUBAN_CIPHER: 'des' }, /DUBAN_CIPHER must be aes-256-gcm or sm4/],
  ])('refuses %o clearly, without echoing the key', (env, message) => {
    const error = (() => {
      try {
        cipherFromConfig(env);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(message);
    if (env.DUBAN_ENCRYPTION_KEY) expect(error?.message).not.toContain(env.DUBAN_ENCRYPTION_KEY);
  });

  it('reads a key with surrounding whitespace (as from a file)', () => {
    expect(encryptionKeyFrom({ DUBAN_ENCRYPTION_KEY: ` ${KEY_B64}\n` })).toHaveLength(32);
  });
});
