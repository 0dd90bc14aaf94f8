import { clipKeyMapper } from './clip-keys';
import { ModelConfigNeededError } from './errors';
import { childIndices, shapeOf, type ShapeTable } from './shape-table';

/**
 * The transformers CLIPTextConfig fields a text encoder's shapes determine, and only those.
 * Activation, special token ids and the head count are not visible in the weights.
 */
export function inferClipConfig(shapes: ShapeTable): Record<string, unknown> {
  const named = new Map<string, readonly number[]>();
  for (const [key, value] of shapes) {
    const mapped = clipKeyMapper(key);
    if (typeof mapped === 'object') named.set(mapped.target, value);
  }
  const shape = (key: string) => shapeOf(named, `text_model.${key}`, 'text encoder');
  const [vocab, hidden] = shape('embeddings.token_embedding.weight');
  return {
    vocab_size: vocab,
    hidden_size: hidden,
    max_position_embeddings: shape('embeddings.position_embedding.weight')[0],
    num_hidden_layers: childIndices(named, 'text_model.encoder.layers.').length,
    intermediate_size: shape('encoder.layers.0.mlp.fc1.weight')[0],
  };
}

/**
 * The config a single file's text encoder loads with when no config is given: what its shapes
 * determine, plus a head count by the convention every released CLIP text encoder follows
 * (heads of 64 channels: 768/12, 1024/16, 1280/20). A width that is not a multiple of 64 has
 * no such convention, so its config must be given.
 */
export function clipConfigFromShapes(shapes: ShapeTable): Record<string, unknown> {
  const inferred = inferClipConfig(shapes);
  const hidden = inferred.hidden_size as number;
  if (hidden % CLIP_HEAD_SIZE !== 0) {
    throw new ModelConfigNeededError(
      `the text encoder is ${hidden} wide, not a multiple of ${CLIP_HEAD_SIZE}, so its attention head count cannot be inferred from the weights: ` +
        'give its config with --config <diffusers folder or config.json> (the `config` load option in the engine)',
    );
  }
  return { ...inferred, num_attention_heads: hidden / CLIP_HEAD_SIZE };
}

const CLIP_HEAD_SIZE = 64;
