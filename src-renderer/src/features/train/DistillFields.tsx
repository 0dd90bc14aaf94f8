import { Select, SimpleGrid, Switch, Textarea } from '@mantine/core';
import type { ModelView } from '../../../../src-main/contract';
import { useRunFormContext } from './run-form';

/** Distillation: the teacher checkpoint whose style the adapter learns, and the prompts to learn it from. */
export function DistillFields({ checkpoints }: { checkpoints: ModelView[] }) {
  const form = useRunFormContext();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Select
        label="Teacher"
        description="A checkpoint with the style you want (a community fine-tune)"
        placeholder="Choose the teacher"
        data={checkpoints.map((m) => ({ value: String(m.id), label: m.name }))}
        required
        {...form.getInputProps('teacherModelId')}
      />
      <Switch mt="md" label="From prompts only" description="No dataset: the teacher draws the training images for the prompts" {...form.getInputProps('promptsOnly', { type: 'checkbox' })} />
      <Textarea
        label="Paired prompts"
        description="One per line; “teacher prompt<TAB>student prompt” when the teacher needs its own words"
        autosize
        minRows={3}
        maxRows={10}
        style={{ gridColumn: '1 / -1' }}
        {...form.getInputProps('pairedPrompts')}
      />
    </SimpleGrid>
  );
}
