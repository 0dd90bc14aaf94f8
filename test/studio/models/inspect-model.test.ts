import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectModel, ModelRefusedError } from '../../../src-main/studio/models';
import { scratchFolder } from '../../storage/scratch';
import { ldmCheckpoint, writeHeaderOnlySafetensors, type HeaderTensor } from './header-only-file';
import { goldenDir } from '../../parity/golden';
import { openAiBpePath } from '../../engine/tokenizer/shared-data';

const dir = scratchFolder('inspect');
const golden = join(goldenDir(), 'models');
let n = 0;
const file = (tensors: HeaderTensor[], metadata?: Record<string, string>) => writeHeaderOnlySafetensors(join(dir, `m${++n}.safetensors`), tensors, metadata);
const refusal = (path: string) => inspectModel(path).then(() => 'accepted', (e: unknown) => (e instanceof ModelRefusedError ? e.reason : `other error: ${(e as Error).message}`));

describe('checkpoints, from the header alone', () => {
  it('reads the tiny golden single file as a reduced-size SD 1.5 checkpoint', async () => {
    const found = await inspectModel(join(golden, 'sd15_tiny_single_file.safetensors'));
    expect(found).toMatchObject({ kind: 'checkpoint', format: 'single_file', details: { architecture: 'sd15', contextWidth: 32, textVocabSize: 1000, prediction: 'epsilon', hasVae: true } });
    expect(found.notes).toEqual(['a reduced-size SD 1.5 layout (32-wide context), such as a test model']);
  });

  it('reads the golden diffusers folder, tokenizer included', async () => {
    const found = await inspectModel(join(golden, 'diffusers'));
    expect(found).toMatchObject({ kind: 'checkpoint', format: 'diffusers', details: { pipeline: 'StableDiffusionPipeline', hasTokenizer: true, prediction: 'epsilon' } });
  });

  it('accepts a full-size SD 1.5 file and notes v-prediction when the file says so', async () => {
    expect(await inspectModel(file(ldmCheckpoint()))).toMatchObject({ details: { contextWidth: 768, prediction: 'epsilon' }, notes: [] });
    const spec = await inspectModel(file(ldmCheckpoint(), { 'modelspec.prediction_type': 'v' }));
    expect(spec.details.prediction).toBe('v_prediction');
    expect(spec.notes[0]).toMatch(/v-prediction model \(metadata modelspec.prediction_type = v\)/);
    const marker = await inspectModel(file([...ldmCheckpoint(), { name: 'v_pred', shape: [] }]));
    expect(marker.notes[0]).toMatch(/'v_pred' marker tensor/);
    expect((await inspectModel(file(ldmCheckpoint({ vae: false })))).notes).toEqual(['no VAE inside: pick a VAE from the library to generate with it']);
  });

  it('refuses SDXL, SD 2.x and image-conditioned UNets with the reason', async () => {
    expect(await refusal(file([{ name: 'conditioner.embedders.1.model.ln_final.weight', shape: [1280] }, ...ldmCheckpoint({ context: 2048 })]))).toMatch(/an SDXL checkpoint \(text encoders under conditioner\.embedders\); this studio works with Stable Diffusion 1\.5 only/);
    expect(await refusal(file(ldmCheckpoint({ context: 2048 })))).toMatch(/an SDXL model \(2048-wide cross-attention context/);
    expect(await refusal(file(ldmCheckpoint({ context: 1024, textPrefix: 'cond_stage_model.model.' })))).toMatch(/Stable Diffusion 2\.x checkpoint \(OpenCLIP text encoder under cond_stage_model\.model\.\)/);
    expect(await refusal(file(ldmCheckpoint({ context: 1024 })))).toMatch(/Stable Diffusion 2\.x model \(1024-wide cross-attention context/);
    expect(await refusal(file(ldmCheckpoint({ linearProj: true })))).toMatch(/2\.x-style UNet \(linear transformer projections/);
    expect(await refusal(file(ldmCheckpoint({ inChannels: 9 })))).toMatch(/an inpainting model \(9 UNet input channels\)/);
  });
});

describe('VAEs, LoRAs and what is not a model', () => {
  it('a standalone VAE is accepted with 4 latent channels and refused with 16', async () => {
    const vae = (channels: number) => file([{ name: 'encoder.conv_in.weight', shape: [128, 3, 3, 3] }, { name: 'decoder.conv_in.weight', shape: [512, channels, 3, 3] }]);
    expect(await inspectModel(vae(4))).toMatchObject({ kind: 'vae', details: { latentChannels: 4, keyLayout: 'ldm' } });
    expect(await refusal(vae(16))).toMatch(/a VAE with 16 latent channels; SD 1\.5 uses 4/);
  });

  const kohya = (width: number) => [
    { name: 'lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k.lora_down.weight', shape: [4, width] },
    { name: 'lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k.lora_up.weight', shape: [320, 4] },
    { name: 'lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k.alpha', shape: [] },
  ];

  it('classifies kohya and PEFT LoRAs, and refuses those made for SDXL', async () => {
    expect(await inspectModel(file(kohya(768)))).toMatchObject({ kind: 'lora', format: 'kohya', details: { style: 'kohya', contextWidth: 768 } });
    const peft = file([
      { name: 'unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.lora_A.weight', shape: [4, 768] },
      { name: 'unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.lora_B.weight', shape: [320, 4] },
    ]);
    expect(await inspectModel(peft)).toMatchObject({ kind: 'lora', format: 'diffusers_lora' });
    expect(await refusal(file(kohya(2048)))).toMatch(/a LoRA made for an SDXL model/);
    expect(await refusal(file(kohya(768), { ss_base_model_version: 'sdxl_base_v1-0' }))).toMatch(/a LoRA trained for SDXL \(metadata ss_base_model_version = sdxl_base_v1-0\)/);
    expect(await refusal(file(kohya(768), { ss_v2: 'True' }))).toMatch(/trained for Stable Diffusion 2\.x/);
    expect((await inspectModel(file(kohya(768), { ss_v_parameterization: 'True' }))).notes[0]).toMatch(/v-prediction/);
  });

  it('reads our own adapter files by their metadata', async () => {
    const ours = file([{ name: 'unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k.down.weight', shape: [64, 768] }], { format: 'styleinject', format_version: '1', method: 'styleinject' });
    expect(await inspectModel(ours)).toMatchObject({ kind: 'lora', format: 'styleinject', details: { contextWidth: 768 } });
  });

  it('refuses LoHa, lone diffusers components, pickles and files that are not safetensors', async () => {
    expect(await refusal(file([{ name: 'lora_unet_down_blocks_0_attentions_0_proj_in.hada_w1_a', shape: [4, 320] }]))).toMatch(/LoHa/);
    expect(await refusal(file([{ name: 'down_blocks.0.resnets.0.conv1.weight', shape: [320, 320, 3, 3] }]))).toMatch(/a diffusers UNet weights file on its own: add the whole diffusers folder/);
    const pickle = join(dir, 'old.ckpt');
    writeFileSync(pickle, 'PK');
    expect(await refusal(pickle)).toMatch(/a pickle checkpoint \(\.ckpt\), which can run arbitrary code/);
    const junk = join(dir, 'junk.safetensors');
    writeFileSync(junk, 'definitely not a header');
    expect(await refusal(junk)).toMatch(/not a readable \.safetensors file/);
    await expect(inspectModel(join(dir, 'missing.safetensors'))).rejects.toMatchObject({ code: 'not-found', message: expect.stringMatching(/missing\.safetensors does not exist/) });
  });

  it('a tokenizer folder or OpenAI .gz is a tokenizer', async () => {
    expect(await inspectModel(join(golden, 'diffusers', 'tokenizer'))).toMatchObject({ kind: 'tokenizer', format: 'clip_tokenizer' });
    expect(await inspectModel(openAiBpePath)).toMatchObject({ kind: 'tokenizer', format: 'openai_bpe' });
  });
});
