import { describe, expect, it } from 'vitest';
import { SafetensorsError, SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { assemble, scratchDir, writeBytes } from './files';

const dir = scratchDir('fuzz');

/** mulberry32: a tiny seeded PRNG so every run tries the same mutations. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const validFile = assemble(
  {
    __metadata__: { format: 'pt', steps: '12' },
    'w.f32': { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] },
    'w.f16': { dtype: 'F16', shape: [4], data_offsets: [24, 32] },
    ids: { dtype: 'I64', shape: [1, 2], data_offsets: [32, 48] },
    flag: { dtype: 'BOOL', shape: [], data_offsets: [48, 49] },
  },
  Uint8Array.from({ length: 49 }, (_, i) => (i * 37) & 0xff),
);
const headerEnd = 8 + Number(new DataView(validFile.buffer).getBigUint64(0, true));

// Bytes that keep a mutated header close to JSON, so mutations get past the parser often.
const jsonish = new TextEncoder().encode('{}[]",:0123456789-+.eE tfnu\\ F16I64BOOL');

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

type Mutation = (bytes: Uint8Array, random: () => number) => Uint8Array;
const pick = (random: () => number, n: number) => Math.floor(random() * n);

const mutations: Mutation[] = [
  (bytes, random) => {
    const out = bytes.slice();
    out[8 + pick(random, headerEnd - 8)] = random() < 0.5 ? jsonish[pick(random, jsonish.length)] : pick(random, 256);
    return out;
  },
  (bytes, random) => {
    const out = bytes.slice();
    for (let i = 0; i < 4; i++) out[8 + pick(random, headerEnd - 8)] = jsonish[pick(random, jsonish.length)];
    return out;
  },
  (bytes, random) => {
    // Same-class swaps (digit for digit, letter for letter) keep the JSON valid but change its meaning.
    const out = bytes.slice();
    const at = 8 + pick(random, headerEnd - 8);
    if (isDigit(out[at])) out[at] = 0x30 + pick(random, 10);
    else if (isLetter(out[at])) out[at] = 0x61 + pick(random, 26) - (out[at] < 0x61 ? 0x20 : 0);
    return out;
  },
  (bytes, random) => {
    const out = bytes.slice();
    out[pick(random, 8)] = pick(random, 256); // one byte of the length prefix
    return out;
  },
  (bytes, random) => {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    const choices = [0n, 1n, 2n ** 64n - 1n, 2n ** 63n, BigInt(headerEnd - 8 + pick(random, 9) - 4), BigInt(pick(random, 2 ** 31))];
    view.setBigUint64(0, choices[pick(random, choices.length)], true);
    return out;
  },
  (bytes, random) => bytes.slice(0, pick(random, bytes.length)), // truncated anywhere
];

describe('fuzzing the header and length prefix', () => {
  it('every mutation either opens and reads cleanly or fails with a SafetensorsError naming the file', { timeout: 60_000 }, async () => {
    const random = seededRandom(0x5afe);
    const outcomes = { opened: 0, rejected: 0 };
    for (let round = 0; round < 420; round++) {
      const mutate = mutations[round % mutations.length];
      const path = writeBytes(dir, `mutant-${round % 8}.safetensors`, mutate(validFile, random));
      let reader: SafetensorsReader | null = null;
      try {
        reader = await SafetensorsReader.open(path);
      } catch (error) {
        expect(error, `round ${round}`).toBeInstanceOf(SafetensorsError);
        expect((error as Error).message, `round ${round}`).toContain(path);
        outcomes.rejected++;
        continue;
      }
      try {
        // A file that opened was fully validated, so every tensor must read to its element count.
        for (const name of reader.keys()) {
          const { shape } = reader.entry(name);
          const values = await reader.readFloat32(name);
          expect(values.length, `round ${round} tensor ${name}`).toBe(shape.reduce((a, b) => a * b, 1));
        }
        outcomes.opened++;
      } finally {
        await reader.close();
      }
    }
    // The mix must exercise both paths, or the fuzzing is not testing anything.
    expect(outcomes.opened).toBeGreaterThan(25);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });
});
