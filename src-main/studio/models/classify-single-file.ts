import { classifyCheckpoint } from './classify-checkpoint';
import { classifyLora } from './classify-lora';
import { classifyVae, looksLikeVae } from './classify-vae';
import type { ModelDetection } from './detection';
import { ModelRefusedError } from './errors';
import { readSafetensorsHeader } from './read-header';

/** Architectures named by key prefixes that only they use. */
const FOREIGN_PREFIXES: { prefix: string; reason: string }[] = [
  { prefix: 'conditioner.embedders.', reason: 'an SDXL checkpoint (text encoders under conditioner.embedders)' },
  { prefix: 'cond_stage_model.model.', reason: 'a Stable Diffusion 2.x checkpoint (OpenCLIP text encoder under cond_stage_model.model.)' },
  { prefix: 'model.diffusion_model.joint_blocks.', reason: 'a Stable Diffusion 3 checkpoint (MMDiT joint blocks)' },
  { prefix: 'double_blocks.', reason: 'a Flux model' },
];

/** Lone diffusers components: usable only inside their pipeline folder. */
const COMPONENT_PREFIXES: { prefix: string; what: string }[] = [
  { prefix: 'down_blocks.', what: 'a diffusers UNet weights file on its own' },
  { prefix: 'text_model.', what: 'a CLIP text encoder weights file on its own' },
];

/** Classifies a .safetensors file from its header: SD 1.5 checkpoint, VAE or LoRA, or refused with the reason. */
export async function inspectSafetensorsFile(path: string): Promise<ModelDetection> {
  let header;
  try {
    header = await readSafetensorsHeader(path);
  } catch (error) {
    throw new ModelRefusedError(path, `not a readable .safetensors file (${(error as Error).message})`);
  }
  const refuse = (reason: string) => new ModelRefusedError(path, `${reason}; this studio works with Stable Diffusion 1.5 only`);
  const foreign = FOREIGN_PREFIXES.find(({ prefix }) => header.keys.some((k) => k.startsWith(prefix)));
  if (foreign) throw refuse(foreign.reason);
  const result = header.keys.some((k) => k.startsWith('model.diffusion_model.'))
    ? classifyCheckpoint(header)
    : looksLikeVae(header.keys)
      ? classifyVae(header)
      : classifyComponentOrLora(path, header);
  if (typeof result === 'string') throw refuse(result);
  return result;
}

function classifyComponentOrLora(path: string, header: Awaited<ReturnType<typeof readSafetensorsHeader>>): ModelDetection | string {
  const component = COMPONENT_PREFIXES.find(({ prefix }) => header.keys.some((k) => k.startsWith(prefix)) && !header.keys.some((k) => /lora/i.test(k)));
  if (component) return `${component.what}: add the whole diffusers folder (the one with model_index.json) instead`;
  return classifyLora(path, header);
}
