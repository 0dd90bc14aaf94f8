import { describe, expect, it } from 'vitest';
import { BatchStream, centreCoverCrop, type DatasetItem, type Size, type TrainingBatch } from '../../../../src-main/engine/training/data';

/** Dataset items as loadDataset records them (the stream needs no pixels). */
function items(spec: { repeats: number; size: Size }[]): DatasetItem[] {
  return spec.map(({ repeats, size }, index) => ({
    index,
    image: `/data/img${index}.png`,
    caption: `sks, tag${index}, blue, red, green`,
    repeats,
    contentHash: `hash${index}`,
    sourceSize: size,
    size,
    crop: centreCoverCrop(size, size),
  }));
}

const square = { width: 64, height: 64 };
const wide = { width: 96, height: 32 };
const data = items([
  { repeats: 2, size: square },
  { repeats: 1, size: square },
  { repeats: 3, size: wide },
  { repeats: 1, size: square },
  { repeats: 1, size: wide },
]);
const options = { batchSize: 2, seed: 1234, flip: true, caption: { shuffleTags: true, keepTags: 1, dropoutRate: 0.1 } };

const summary = (b: TrainingBatch) => ({ epoch: b.epoch, index: b.index, samples: b.samples.map((s) => [s.item.index, s.caption, s.flip]) });
const take = (stream: BatchStream, n: number) => Array.from({ length: n }, () => summary(stream.next()));

describe('BatchStream', () => {
  it('covers every item `repeats` times per epoch, one size per batch', () => {
    const stream = new BatchStream(data, options);
    // square: 2 + 1 + 1 = 4 copies -> 2 batches; wide: 3 + 1 = 4 copies -> 2 batches.
    expect(stream.batchesPerEpoch).toBe(4);
    for (let epoch = 0; epoch < 3; epoch++) {
      const seen = new Map<number, number>();
      for (let i = 0; i < 4; i++) {
        const batch = stream.next();
        expect(batch.epoch).toBe(epoch);
        for (const s of batch.samples) {
          expect(s.item.size).toEqual(batch.size);
          seen.set(s.item.index, (seen.get(s.item.index) ?? 0) + 1);
        }
      }
      expect(Object.fromEntries(seen)).toEqual({ 0: 2, 1: 1, 2: 3, 3: 1, 4: 1 });
    }
  });

  it('is reproducible from the seed and differs across seeds and epochs', () => {
    const a = take(new BatchStream(data, options), 12);
    expect(take(new BatchStream(data, options), 12)).toEqual(a);
    expect(take(new BatchStream(data, { ...options, seed: 99 }), 12)).not.toEqual(a);
    const orders = [0, 1, 2].map((e) => JSON.stringify(a.slice(e * 4, e * 4 + 4).map((b) => b.samples.map((s) => s[0]))));
    expect(new Set(orders).size).toBeGreaterThan(1);
    expect(a.flatMap((b) => b.samples.map((s) => s[2]))).toEqual(expect.arrayContaining([true, false]));
  });

  it('resumes the same batches, captions and flips from a saved state (mid-epoch and at an epoch end)', () => {
    for (const stopAfter of [1, 4, 6]) {
      const original = new BatchStream(data, options);
      take(original, stopAfter);
      const saved = JSON.parse(JSON.stringify(original.getState()));
      const expected = take(original, 9);
      expect(take(new BatchStream(data, options, saved), 9)).toEqual(expected);
    }
  });

  it('refuses to resume on a changed dataset or a bad state', () => {
    const stream = new BatchStream(data, options);
    stream.next();
    const state = stream.getState();
    const changed = data.map((item, i) => (i === 0 ? { ...item, repeats: 5 } : item));
    expect(() => new BatchStream(changed, options, state)).toThrow(/dataset changed/);
    expect(() => new BatchStream(data, options, { ...state, batchIndex: 99 })).toThrow(/outside the epoch's 4 batches/);
    expect(() => new BatchStream([], options)).toThrow(/no usable images/);
  });
});
