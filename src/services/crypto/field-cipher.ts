import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets and personal data at rest (TOTP secrets, complainant identity).
 * Output is self-describing text: `<algorithm>:<base64 parts…>`, so the algorithm can change
 * without a migration. `aad` binds a ciphertext to its row (e.g. the user id).
 */
export interface FieldCipher {
  readonly algorithm: string;
  encrypt(plaintext: string, aad: string): string;
  decrypt(ciphertext: string, aad: string): string;
}

/** AES-256-GCM with a random 96-bit nonce: the default. */
export function aesGcmCipher(key: Buffer): FieldCipher {
  if (key.length !== 32)
    throw new Error('the encryption key must be 32 bytes (base64 in DUBAN_ENCRYPTION_KEY)');
  return {
    algorithm: 'aes-256-gcm',
    encrypt(plaintext, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['aes-256-gcm', iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
        .join(':');
    },
    decrypt(ciphertext, aad) {
      const [alg, iv, tag, body] = ciphertext.split(':');
      if (alg !== 'aes-256-gcm' || !iv || !tag || body === undefined)
        throw new Error('not an aes-256-gcm ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
