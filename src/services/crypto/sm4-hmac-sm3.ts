import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FieldCipher } from './field-cipher.js';

const ALG = 'sm4-ctr-hmac-sm3';

/** Each part prefixed by its 4-byte length, so no two different inputs give the same MAC input. */
function macInput(...parts: Buffer[]): Buffer {
  return Buffer.concat(
    parts.flatMap((p) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(p.length);
      return [len, p];
    }),
  );
}

/**
 * SM4-CTR with HMAC-SM3, encrypt-then-MAC: the 商用密码 option (OpenSSL here has no SM4-GCM).
 * The tag covers algorithm, IV, ciphertext and the associated data; it is checked in constant
 * time before anything is decrypted. Output: `sm4-ctr-hmac-sm3:<iv>:<ciphertext>:<tag>` (base64).
 */
export function sm4CtrHmacSm3Cipher(encKey16: Buffer, macKey32: Buffer): FieldCipher {
  if (encKey16.length !== 16) throw new Error('the SM4 key must be 16 bytes');
  if (macKey32.length !== 32) throw new Error('the HMAC-SM3 key must be 32 bytes');
  if (encKey16.equals(macKey32.subarray(0, 16))) throw new Error('the SM4 and HMAC keys must differ');
  const tagOf = (iv: Buffer, body: Buffer, aad: string) =>
    createHmac('sm3', macKey32)
      .update(macInput(Buffer.from(ALG), iv, body, Buffer.from(aad, 'utf8')))
      .digest();
  return {
    algorithm: ALG,
    encrypt(plaintext, aad) {
      const iv = randomBytes(16);
      const cipher = createCipheriv('sm4-ctr', encKey16, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [
        ALG,
        iv.toString('base64'),
        body.toString('base64'),
        tagOf(iv, body, aad).toString('base64'),
      ].join(':');
    },
    decrypt(ciphertext, aad) {
      const [alg, ivText, bodyText, tagText, extra] = ciphertext.split(':');
      if (alg !== ALG || !ivText || bodyText === undefined || !tagText || extra !== undefined)
        throw new Error(`not an ${ALG} ciphertext`);
      const iv = Buffer.from(ivText, 'base64');
      const body = Buffer.from(bodyText, 'base64');
      const tag = Buffer.from(tagText, 'base64');
      const expected = tagOf(iv, body, aad);
      if (iv.length !== 16 || tag.length !== expected.length || !timingSafeEqual(tag, expected))
        throw new Error('ciphertext rejected: authentication failed');
      const decipher = createDecipheriv('sm4-ctr', encKey16, iv);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    },
  };
}
