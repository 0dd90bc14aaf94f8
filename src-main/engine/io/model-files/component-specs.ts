import type { Module } from '../../nn/module';
import { ClipTextModel, clipTextConfigFrom, type ClipTextConfig } from '../../models/clip';
import { UNet2DConditionModel } from '../../models/unet/unet-2d-condition';
import { unetConfigFrom, type UNet2DConditionConfig } from '../../models/unet/config';
import { AutoencoderKL } from '../../models/vae/autoencoder-kl';
import { vaeConfigFrom, type AutoencoderKLConfig } from '../../models/vae/config';
import { clipKeyMapper } from './clip-keys';
import type { ComponentName } from './config-option';
import { clipConfigFromShapes } from './infer-clip-config';
import { inferUnetConfig } from './infer-unet-config';
import { inferVaeConfig } from './infer-vae-config';
import { identityMapper, type KeyMapper } from './key-map';
import type { ShapeTable } from './shape-table';
import { ldmUnetKeyMapper } from './unet-keys';
import { ldmVaeKeyMapper } from './vae-keys';

/** Everything the loader needs to know about one pipeline component. */
export interface ComponentSpec<M extends Module, C> {
  /** For messages: "UNet", "VAE", "text encoder". */
  label: string;
  /** Where an SD 1.5 single file keeps this component. */
  singleFilePrefix: string;
  /** Whether a file's keys (prefix removed) use the original names rather than diffusers'. */
  usesOriginalNames(shapes: ShapeTable): boolean;
  originalKeys(config: C): KeyMapper;
  diffusersKeys: KeyMapper;
  /** Config fields the original-named shapes determine (the rest takes SD 1.5 defaults). */
  inferConfig(shapes: ShapeTable): Record<string, unknown>;
  configFrom(json: Record<string, unknown>): C;
  create(config: C): M;
}

export interface ComponentModels {
  unet: UNet2DConditionModel;
  vae: AutoencoderKL;
  text_encoder: ClipTextModel;
}

export interface ComponentConfigs {
  unet: UNet2DConditionConfig;
  vae: AutoencoderKLConfig;
  text_encoder: ClipTextConfig;
}

const hasKeyStartingWith = (shapes: ShapeTable, ...prefixes: string[]) =>
  [...shapes.keys()].some((k) => prefixes.some((p) => k.startsWith(p)));

// Standalone original VAE files may still carry their training loss or EMA bookkeeping.
const VAE_TRAINING_ONLY = /^(loss|model_ema)\./;

export const componentSpecs: { [N in ComponentName]: ComponentSpec<ComponentModels[N], ComponentConfigs[N]> } = {
  unet: {
    label: 'UNet',
    singleFilePrefix: 'model.diffusion_model.',
    usesOriginalNames: (shapes) => hasKeyStartingWith(shapes, 'input_blocks.', 'output_blocks.', 'middle_block.'),
    originalKeys: ldmUnetKeyMapper,
    diffusersKeys: identityMapper,
    inferConfig: inferUnetConfig,
    configFrom: unetConfigFrom,
    create: (config) => new UNet2DConditionModel(config),
  },
  vae: {
    label: 'VAE',
    singleFilePrefix: 'first_stage_model.',
    usesOriginalNames: (shapes) => hasKeyStartingWith(shapes, 'encoder.down.', 'decoder.up.', 'encoder.mid.', 'decoder.mid.'),
    originalKeys: (config) => {
      const mapKey = ldmVaeKeyMapper(config);
      return (key) => (VAE_TRAINING_ONLY.test(key) ? 'ignore' : mapKey(key));
    },
    diffusersKeys: identityMapper,
    inferConfig: inferVaeConfig,
    configFrom: vaeConfigFrom,
    create: (config) => new AutoencoderKL(config),
  },
  text_encoder: {
    label: 'text encoder',
    singleFilePrefix: 'cond_stage_model.transformer.',
    // Single files and transformers folders share CLIP's names.
    usesOriginalNames: () => true,
    originalKeys: () => clipKeyMapper,
    diffusersKeys: clipKeyMapper,
    inferConfig: clipConfigFromShapes,
    configFrom: clipTextConfigFrom,
    create: (config) => new ClipTextModel(config),
  },
};
