import { Accordion, Text } from '@mantine/core';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { ModelItem } from './ModelItem';

const ORDER = ['checkpoint', 'lora', 'vae', 'tokenizer'];

/** Every model in the library, base checkpoints first. */
export function ModelLibrary() {
  const models = useStudioQuery('models.list', {});
  if (models.error) return <ErrorNotice error={models.error} />;
  const all = [...(models.data ?? [])].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
  const tokenizers = all.filter((m) => m.kind === 'tokenizer');
  if (models.isSuccess && all.length === 0) return <Text c="dimmed">The library is empty: add a base model (an SD 1.5 checkpoint) on the right.</Text>;
  return (
    <Accordion variant="separated" multiple chevronPosition="left">
      {all.map((model) => (
        <ModelItem key={model.id} model={model} tokenizers={tokenizers} />
      ))}
    </Accordion>
  );
}
