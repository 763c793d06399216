import { pbkdf2, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PasswordHashSettings } from './settings.js';

/*
 * Password hashes as self-describing strings, so that the algorithm and its cost can change
 * without a migration (old hashes are upgraded at the next sign-in):
 *   $scrypt$ln=17,r=8,p=1$<salt>$<hash>
 *   $pbkdf2-sm3$i=600000$<salt>$<hash>
 * Salt and hash are unpadded base64. Passwords are NFKC-normalised first (NIST SP 800-63B),
 * so a full-width digit typed on a Chinese IME equals its ASCII twin.
 */
const KEY_LENGTH = 32;

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

function scryptHash(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  // Node refuses more than 32 MiB by default; scrypt needs 128·N·r bytes.
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function pbkdf2Sm3(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    pbkdf2(password, salt, iterations, KEY_LENGTH, 'sm3', (err, key) => (err ? reject(err) : resolve(key))),
  );
}

const normalise = (password: string) => password.normalize('NFKC');

export async function hashPassword(password: string, settings: PasswordHashSettings): Promise<string> {
  const salt = randomBytes(16);
  const pw = normalise(password);
  if (settings.algorithm === 'pbkdf2-sm3') {
    const key = await pbkdf2Sm3(pw, salt, settings.pbkdf2Iterations);
    return `$pbkdf2-sm3$i=${settings.pbkdf2Iterations}$${b64(salt)}$${b64(key)}`;
  }
  const { scryptLogN: ln, scryptR: r, scryptP: p } = settings;
  const key = await scryptHash(pw, salt, ln, r, p);
  return `$scrypt$ln=${ln},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
  algorithm: string;
  params: Record<string, number>;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const [, algorithm, paramText, salt, key] = stored.split('$');
  if (!algorithm || !paramText || !salt || !key) return undefined;
  const params = Object.fromEntries(
    paramText.split(',').map((kv) => {
      const [k, v] = kv.split('=');
      return [k ?? '', Number(v)];
    }),
  );
  return { algorithm, params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

/** Whether `password` matches the stored hash; false for anything malformed. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const h = parse(stored);
  if (!h) return false;
  const pw = normalise(password);
  let key: Buffer;
  if (h.algorithm === 'scrypt') {
    const { ln, r, p } = h.params;
    if (!ln || !r || !p || ln > 22) return false;
    key = await scryptHash(pw, h.salt, ln, r, p);
  } else if (h.algorithm === 'pbkdf2-sm3') {
    if (!h.params.i) return false;
    key = await pbkdf2Sm3(pw, h.salt, h.params.i);
  } else {
    return false;
  }
  return key.length === h.key.length && timingSafeEqual(key, h.key);
}

/** Whether a stored hash was made with other settings than the current ones. */
export function needsRehash(stored: string, settings: PasswordHashSettings): boolean {
  const h = parse(stored);
  if (!h) return true;
  if (settings.algorithm === 'pbkdf2-sm3')
    return h.algorithm !== 'pbkdf2-sm3' || h.params.i !== settings.pbkdf2Iterations;
  return (
    h.algorithm !== 'scrypt' ||
    h.params.ln !== settings.scryptLogN ||
    h.params.r !== settings.scryptR ||
    h.params.p !== settings.scryptP
  );
}
