import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SD15_UNET_CONFIG, unetConfigFrom } from '../../../../src-main/engine/models/unet/config';
import { UNet2DConditionModel } from '../../../../src-main/engine/models/unet/unet-2d-condition';
import { diffusersConfig, diffusersWeightsPath, safetensorsHeader } from '../../nn/golden-weights';

// Building a model allocates no weights, so even SD 1.5's full size is cheap to inspect.
describe('UNet2DConditionModel parameter names', () => {
  it('lists exactly the keys and shapes of the golden diffusers safetensors', () => {
    const header = safetensorsHeader(readFileSync(diffusersWeightsPath('unet')));
    const unet = new UNet2DConditionModel(unetConfigFrom(diffusersConfig('unet')));
    const ours = new Map([...unet.namedParameters()].map(([name, p]) => [name, p.torchShape]));
    expect([...ours.keys()].sort()).toEqual([...header.keys()].sort());
    for (const [name, entry] of header) expect(ours.get(name), name).toEqual(entry.shape);
  });

  it("builds SD 1.5's UNet from the defaults: 686 tensors, 859,520,964 weights", () => {
    const unet = new UNet2DConditionModel(SD15_UNET_CONFIG);
    const params = [...unet.namedParameters()];
    expect(params.length).toBe(686);
    expect(params.reduce((n, [, p]) => n + p.torchShape.reduce((a, b) => a * b, 1), 0)).toBe(859_520_964);
    const shapes = new Map(params.map(([name, p]) => [name, p.torchShape]));
    expect(shapes.get('down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k.weight')).toEqual([640, 768]);
    expect(shapes.get('mid_block.resnets.0.time_emb_proj.weight')).toEqual([1280, 1280]);
    expect(shapes.get('time_embedding.linear_1.weight')).toEqual([1280, 320]);
    expect(shapes.get('up_blocks.3.attentions.2.proj_out.weight')).toEqual([320, 320, 1, 1]);
    expect(shapes.get('up_blocks.0.resnets.0.conv_shortcut.weight')).toEqual([1280, 2560, 1, 1]);
    expect(shapes.get('conv_in.weight')).toEqual([320, 4, 3, 3]);
  });
});
