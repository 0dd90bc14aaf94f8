import { NumberInput, SimpleGrid, Textarea } from '@mantine/core';
import { useRunFormContext } from './run-form';

/** When it saves a checkpoint and draws samples (fixed prompts and seeds, to compare checkpoints). */
export function MonitorFields() {
  const form = useRunFormContext();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <NumberInput label="Checkpoint every" description="Steps between saves; each is resumable and a usable adapter" min={1} {...form.getInputProps('checkpointEvery')} />
      <NumberInput label="Samples every" description="Steps between sample images; 0 draws none" min={0} {...form.getInputProps('sampleEvery')} />
      <Textarea label="Sample prompts" description="One per line; the same seeds at every checkpoint" autosize minRows={3} maxRows={8} style={{ gridColumn: '1 / -1' }} {...form.getInputProps('samplePrompts')} />
    </SimpleGrid>
  );
}
