import { clipKeyMapper } from './clip-keys';
import { childIndices, shapeOf, type ShapeTable } from './shape-table';

/**
 * The transformers CLIPTextConfig fields a text encoder's shapes determine. The head count,
 * activation and special token ids are not visible and keep SD 1.5's values.
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
