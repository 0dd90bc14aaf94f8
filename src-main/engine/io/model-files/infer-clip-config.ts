import { clipKeyMapper } from './clip-keys';
import { childIndices, shapeOf, type ShapeTable } from './shape-table';

/**
 * The transformers CLIPTextConfig fields a text encoder's shapes determine. Activation and
 * special token ids are not visible and keep SD 1.5's values; so does the head count (12)
 * wherever it divides the width. A config (option or folder) overrides all of this.
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
    num_attention_heads: guessHeadCount(hidden),
  };
}

/**
 * Heads are invisible in the weights. SD 1.5's 12 where they fit; a width 12 does not divide is
 * a small test-scale encoder, and those (diffusers' tiny test models among them) use heads of 8
 * channels. Anything else should come with its config.
 */
function guessHeadCount(hidden: number): number {
  const SD15_HEADS = 12;
  const TINY_HEAD_SIZE = 8;
  if (hidden % SD15_HEADS === 0) return SD15_HEADS;
  return hidden % TINY_HEAD_SIZE === 0 ? hidden / TINY_HEAD_SIZE : 1;
}
