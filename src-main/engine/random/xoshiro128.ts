/**
 * xoshiro128** (Blackman & Vigna): a small, fast 32-bit bit generator whose whole state is
 * four uint32 words, so it can be saved with a checkpoint and resumed exactly. Pure integer
 * arithmetic: the same seed gives the same stream in any JS engine and on any tf backend.
 */

/** The four state words; all zero is the one invalid state. */
export type Xoshiro128State = readonly [number, number, number, number];

export class Xoshiro128 {
  private readonly s = new Uint32Array(4);

  constructor(state: Xoshiro128State) {
    this.setState(state);
  }

  /** Expands any integer seed (up to 2^53) into a well-mixed state with splitmix32. */
  static fromSeed(seed: number): Xoshiro128 {
    if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a safe integer, got ${seed}`);
    // Fold the high bits in so seeds that differ only above 2^32 give different streams.
    let x = (seed >>> 0) ^ Math.floor(Math.abs(seed) / 2 ** 32) ^ (seed < 0 ? 0x9e3779b9 : 0);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      words.push((z ^ (z >>> 16)) >>> 0);
    }
    if (!words.some((w) => w !== 0)) words[0] = 1;
    return new Xoshiro128(words as unknown as Xoshiro128State);
  }

  /** Next uint32 of the stream. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  getState(): Xoshiro128State {
    return [this.s[0], this.s[1], this.s[2], this.s[3]];
  }

  setState(state: Xoshiro128State): void {
    if (state.length !== 4 || state.every((w) => w >>> 0 === 0)) {
      throw new Error('xoshiro128 state must be four uint32 words, not all zero');
    }
    for (let i = 0; i < 4; i++) this.s[i] = state[i] >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
