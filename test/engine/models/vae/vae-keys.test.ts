import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AutoencoderKL } from '../../../../src-main/engine/models/vae/autoencoder-kl';
import { SD15_VAE_CONFIG, vaeConfigFrom } from '../../../../src-main/engine/models/vae/config';
import { diffusersConfig, diffusersWeightsPath, safetensorsHeader } from '../../nn/golden-weights';

describe('AutoencoderKL parameter names', () => {
  it('lists exactly the keys and shapes of the golden diffusers safetensors', () => {
    const header = safetensorsHeader(readFileSync(diffusersWeightsPath('vae')));
    const vae = new AutoencoderKL(vaeConfigFrom(diffusersConfig('vae')));
    const ours = new Map([...vae.namedParameters()].map(([name, p]) => [name, p.torchShape]));
    expect([...ours.keys()].sort()).toEqual([...header.keys()].sort());
    for (const [name, entry] of header) expect(ours.get(name), name).toEqual(entry.shape);
  });

  it("builds SD 1.5's VAE from the defaults: 248 tensors, 83,653,863 weights", () => {
    const vae = new AutoencoderKL(SD15_VAE_CONFIG);
    const params = [...vae.namedParameters()];
    expect(params.length).toBe(248);
    expect(params.reduce((n, [, p]) => n + p.torchShape.reduce((a, b) => a * b, 1), 0)).toBe(83_653_863);
    const shapes = new Map(params.map(([name, p]) => [name, p.torchShape]));
    expect(shapes.get('encoder.mid_block.attentions.0.to_q.weight')).toEqual([512, 512]);
    expect(shapes.get('decoder.up_blocks.0.upsamplers.0.conv.weight')).toEqual([512, 512, 3, 3]);
    expect(shapes.get('quant_conv.weight')).toEqual([8, 8, 1, 1]);
    expect(vae.downscale).toBe(8);
  });
});
