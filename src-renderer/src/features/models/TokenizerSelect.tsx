import { Select } from '@mantine/core';
import type { ModelView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';

/** A single-file checkpoint carries no tokenizer: pair it with one from the library (a diffusers folder has its own). */
export function TokenizerSelect({ model, tokenizers }: { model: ModelView; tokenizers: ModelView[] }) {
  const setTokenizer = useStudioMutation('models.setTokenizer');
  const own = model.detected.hasTokenizer === true;
  return (
    <Select
      label="Tokenizer"
      description={
        own ? 'This folder has its own; choose another only to override it' : model.tokenizerId !== null ? 'Paired with this single file' : 'A single file has none: add a CLIP tokenizer folder to the library and choose it here'
      }
      placeholder={own ? 'Its own tokenizer' : 'Choose a tokenizer'}
      data={tokenizers.map((t) => ({ value: String(t.id), label: t.name }))}
      value={model.tokenizerId === null ? null : String(model.tokenizerId)}
      onChange={(value) => setTokenizer.mutate({ modelId: model.id, tokenizerId: value === null ? null : Number(value) })}
      clearable
      disabled={setTokenizer.isPending}
      maw={420}
    />
  );
}
