import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldenDir } from '../parity/golden';
import { styleinject } from './run-styleinject';

describe('styleinject params', () => {
  it("prints the paper's Table IV #Param column and the exact counts", async () => {
    const run = await styleinject(['params', '--table4']);
    expect(run.code).toBe(0);
    const rows = run.stdout.trim().split('\n');
    expect(rows[0]).toContain('64 layers, sum d_in 49,728, sum d_out 49,920');
    expect(rows.slice(1).map((r) => r.split(/\s{2,}/).map((c) => c.trim()))).toEqual([
      ['LoRA r=32', '3.19M', '3,188,736'],
      ['LoRA r=128', '12.75M', '12,754,944'],
      ['LoRA r=512', '51.02M', '51,019,776'],
      ['StyleInject K=1, r=32', '3.34M', '3,338,112'],
      ['StyleInject K=4, r=32', '8.41M', '8,410,368'],
      ['StyleInject K=16, r=32', '28.70M', '28,699,392'],
    ]);
  });

  it("counts one setting on a checkpoint's shapes, per layer on request", async () => {
    const model = join(goldenDir(), 'models', 'sd15_tiny_single_file.safetensors');
    const config = join(goldenDir(), 'models', 'diffusers'); // the tiny text encoder's head count
    const run = await styleinject(['params', '--method', 'styleinject', '--rank', '2', '--k', '2', '--dma', '--sta', '--model', model, '--config', config, '--per-layer']);
    expect(run.code).toBe(0);
    // Tiny model: 6 transformer blocks of width 64; attn2.to_v reads the 32-wide text states. 24 layers.
    expect(run.stdout).toContain('24 layers, sum d_in 1,344, sum d_out 1,536');
    // K*r*d_in + r*d_out + 2*K*d_in + d_out: 64-wide layers 256+128+256+64 = 704, attn2.to_v 128+128+128+64 = 448; 6 * (3*704 + 448).
    expect(run.stdout).toContain('#Param 0.02M (15,360)');
    expect(run.stdout).toMatch(/unet:down_blocks\.1\.attentions\.0\.transformer_blocks\.0\.attn1\.to_q {2}linear d_in 64 d_out 64: 704/);
    expect(run.stdout).toMatch(/unet:down_blocks\.1\.attentions\.0\.transformer_blocks\.0\.attn2\.to_v {2}linear d_in 32 d_out 64: 448/);
  });

  it('reports usage errors with exit code 2', async () => {
    const run = await styleinject(['params', '--method', 'lora', '--rank', '4', '--dma']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--k, --dma and --sta are StyleInject switches');
    const missing = await styleinject(['params', '--method', 'lora']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--rank is required');
  });
});
