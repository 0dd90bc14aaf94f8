import type { KeyMapper } from './key-map';

/**
 * Text-encoder keys (transformers' CLIPTextModel) -> model parameter names. Single files and
 * transformers folders share names; two differences are smoothed over: `position_ids` is a
 * constant buffer that some files carry and the model does not need, and checkpoints saved
 * with old transformers versions lack the `text_model.` level.
 */
export const clipKeyMapper: KeyMapper = (key) => {
  if (key.endsWith('embeddings.position_ids')) return 'ignore';
  return { target: key.startsWith('text_model.') ? key : `text_model.${key}` };
};
