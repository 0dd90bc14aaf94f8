import { describe, expect, it } from 'vitest';
import { StorageInputError } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const store = scratchStore(scratchFolder('models-repo'), 'data');
const base = { storage: 'reference' as const, format: 'single_file', sha256: 'a'.repeat(64), sizeBytes: 100 };

describe('model repository', () => {
  it('adds, finds and pairs a checkpoint with a tokenizer; the detected config round-trips', () => {
    const checkpoint = store.models.add({ ...base, kind: 'checkpoint', name: 'sd15', path: '/m/sd15.safetensors', detected: { architecture: 'sd15', crossAttentionDim: 768 } });
    const tokenizer = store.models.add({ ...base, kind: 'tokenizer', name: 'clip', path: 'tokenizers/clip', format: 'clip_bpe', sha256: 'b'.repeat(64) });
    expect(store.models.setTokenizer(checkpoint.id, tokenizer.id).tokenizerId).toBe(tokenizer.id);
    expect(store.models.get(checkpoint.id).detected).toEqual({ architecture: 'sd15', crossAttentionDim: 768 });
    expect(store.models.findBySha256('a'.repeat(64), 'checkpoint')?.id).toBe(checkpoint.id);
    expect(store.models.list('tokenizer').map((m) => m.name)).toEqual(['clip']);
    store.models.remove(tokenizer.id);
    expect(store.models.get(checkpoint.id).tokenizerId).toBeNull();
  });

  it('refuses a second entry for one path, a non-tokenizer as tokenizer, and bad fields by name', () => {
    const lora = store.models.add({ ...base, kind: 'lora', name: 'ink', path: '/m/ink.safetensors', format: 'kohya' });
    expect(() => store.models.add({ ...base, kind: 'lora', name: 'again', path: '/m/ink.safetensors', format: 'kohya' })).toThrow(/already in the library as 'ink'/);
    const checkpoint = store.models.add({ ...base, kind: 'checkpoint', name: 'c', path: '/m/c.safetensors' });
    expect(() => store.models.setTokenizer(checkpoint.id, lora.id)).toThrow(/is a lora, not a tokenizer/);
    const error = (() => {
      try {
        store.models.add({ ...base, kind: 'checkpoint', name: 'x', path: '/m/x', sha256: 'XYZ' });
      } catch (e) {
        return e as StorageInputError;
      }
    })();
    expect(error?.field).toBe('sha256');
    expect(error?.message).toMatch(/model: 'sha256': must be 64 lowercase hex digits/);
    expect(() => store.models.add({ ...base, kind: 'unet' as never, name: 'x', path: '/m/y' })).toThrow(/'kind'/);
  });
});
