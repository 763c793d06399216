/** A small seeded PRNG (sfc32) and the draws the generator needs: same seed, same data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    this.a = 0x9e3779b9 ^ seed;
    this.b = 0x243f6a88 ^ stream;
    this.c = 0xb7e15162 ^ Math.imul(seed, 0x85ebca6b);
    this.d = 1 ^ Math.imul(stream, 0xc2b2ae35);
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** A uniform 32-bit unsigned integer (the same draw as next()). */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const { keys, values, total } = weightTable(weights);
    let r = this.next() * total;
    for (let i = 0; i < keys.length; i++) {
      r -= values[i]!;
      if (r < 0) return keys[i] as K;
    }
    return keys[keys.length - 1] as K;
  }

  /** Hex digits, for ids. */
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += hex8(this.nextU32());
    return s.length === n ? s : s.slice(0, n);
  }
}

interface WeightTable {
  keys: string[];
  values: number[];
  total: number;
}
// The weight objects are module constants: read each one once, not on every draw.
const weightTables = new WeakMap<object, WeightTable>();
function weightTable(weights: Readonly<Record<string, number>>): WeightTable {
  let table = weightTables.get(weights);
  if (!table) {
    const keys = Object.keys(weights);
    const values = keys.map((k) => weights[k]!);
    table = { keys, values, total: values.reduce((s, w) => s + w, 0) };
    weightTables.set(weights, table);
  }
  return table;
}

// Byte-to-hex table: ids are drawn for every event, and toString(16) + padStart is slow.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex8 = (u: number) => HEX[u >>> 24]! + HEX[(u >>> 16) & 255]! + HEX[(u >>> 8) & 255]! + HEX[u & 255]!;

const VARIANT = ['8', '9', 'a', 'b'];

/** A UUIDv7 for an instant, with seeded random bits: ids sort by time, as the server's do. */
export function uuidv7At(ms: number, rng: Rng): string {
  const t = Math.floor(ms);
  // 48 bits of time: the top 32 (8 digits), then the low 16 (4 digits).
  const top = Math.floor(t / 65536);
  const low = t & 0xffff;
  // The same draws and digits as rng.hex(20) (r): a is r[0..7], b r[8..15], c r[16..19].
  const a = rng.nextU32();
  const b = rng.nextU32();
  const c = rng.nextU32();
  const a1 = HEX[(a >>> 16) & 255]!;
  const a3 = HEX[a & 255]!;
  return (
    `${hex8(top)}-${HEX[low >>> 8]}${HEX[low & 255]}-7${HEX[a >>> 24]}${a1[0]}-` +
    `${VARIANT[(a >>> 16) & 0x3]}${HEX[(a >>> 8) & 255]}${a3[0]}-${hex8(b)}${HEX[c >>> 24]}${HEX[(c >>> 16) & 255]}`
  );
}

export const DAY_MS = 86_400_000;
