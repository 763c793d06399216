import { hkdfSync } from 'node:crypto';
import { aesGcmCipher, type FieldCipher } from './field-cipher.js';
import { sm4CtrHmacSm3Cipher } from './sm4-hmac-sm3.js';

type Env = Record<string, string | undefined>;

export const CIPHER_CHOICES = ['aes-256-gcm', 'sm4'] as const;
export type CipherChoice = (typeof CIPHER_CHOICES)[number];

const SALT = 'duban field cipher v1';

/** DUBAN_ENCRYPTION_KEY: base64 of exactly 32 random bytes. Errors never echo the key. */
export function encryptionKeyFrom(env: Env): Buffer {
  const text = env.DUBAN_ENCRYPTION_KEY?.trim();
  if (!text)
    throw new Error(
      'DUBAN_ENCRYPTION_KEY is not set: personal data cannot be encrypted without it. Generate one with `openssl rand -base64 32` and keep it outside the database.',
    );
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0)
    throw new Error('DUBAN_ENCRYPTION_KEY is not valid base64 (use `openssl rand -base64 32`)');
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32)
    throw new Error(`DUBAN_ENCRYPTION_KEY must decode to 32 bytes (it decodes to ${key.length})`);
  if (key.every((b) => b === key[0])) throw new Error('DUBAN_ENCRYPTION_KEY is not random (all bytes equal)');
  return key;
}

const derive = (digest: 'sha256' | 'sm3', master: Buffer, info: string, length: number) =>
  Buffer.from(hkdfSync(digest, master, SALT, info, length));

/**
 * The field cipher the configuration asks for: DUBAN_CIPHER=aes-256-gcm (default) or sm4
 * (SM4-CTR + HMAC-SM3), with keys derived by HKDF from DUBAN_ENCRYPTION_KEY (HKDF-SHA256 for AES,
 * HKDF-SM3 for SM4), one key per purpose. It encrypts with the chosen algorithm and decrypts
 * either, by the ciphertext's prefix, so switching algorithm needs no re-encryption at once.
 */
export function cipherFromConfig(env: Env = process.env): FieldCipher {
  const choice = (env.DUBAN_CIPHER || 'aes-256-gcm').trim().toLowerCase();
  if (!(CIPHER_CHOICES as readonly string[]).includes(choice))
    throw new Error(`DUBAN_CIPHER must be aes-256-gcm or sm4 (got "${env.DUBAN_CIPHER}")`);
  const master = encryptionKeyFrom(env);
  const aes = aesGcmCipher(derive('sha256', master, 'duban/aes-256-gcm', 32));
  const sm4 = sm4CtrHmacSm3Cipher(
    derive('sm3', master, 'duban/sm4-ctr/encryption', 16),
    derive('sm3', master, 'duban/hmac-sm3/authentication', 32),
  );
  const primary = choice === 'sm4' ? sm4 : aes;
  const byPrefix = new Map([aes, sm4].map((c) => [c.algorithm, c]));
  return {
    algorithm: primary.algorithm,
    encrypt: (plaintext, aad) => primary.encrypt(plaintext, aad),
    decrypt(ciphertext, aad) {
      const cipher = byPrefix.get(ciphertext.slice(0, ciphertext.indexOf(':')));
      if (!cipher) throw new Error('ciphertext of an unknown algorithm');
      return cipher.decrypt(ciphertext, aad);
    },
  };
}
