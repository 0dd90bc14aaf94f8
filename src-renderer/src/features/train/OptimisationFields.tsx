import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useRunFormContext } from './run-form';

/** How long and how fast it learns. */
export function OptimisationFields() {
  const form = useRunFormContext();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <NumberInput label="Steps" description="Optimiser steps; watch the samples and stop early, as the paper does" min={1} max={1_000_000} {...form.getInputProps('maxSteps')} />
      <NumberInput label="Learning rate" description="1e-4 suits adapters; lower it if the loss jumps around" min={0} max={1} step={0.00001} decimalScale={8} {...form.getInputProps('lr')} />
      <NumberInput label="Resolution (px)" description="Images are cropped and scaled to this square (512 for SD 1.5)" min={8} max={2048} step={64} {...form.getInputProps('resolution')} />
      <NumberInput label="Batch size" description="Images per step; more needs more memory" min={1} max={64} {...form.getInputProps('batchSize')} />
      <NumberInput label="Gradient accumulation" description="Steps added up per update: a larger batch without its memory" min={1} max={64} {...form.getInputProps('gradientAccumulation')} />
      <Select
        label="Schedule"
        description="Keep the learning rate, or let it fall along a cosine"
        data={[
          { value: 'constant', label: 'Constant' },
          { value: 'cosine', label: 'Cosine decay' },
        ]}
        allowDeselect={false}
        {...form.getInputProps('schedule')}
      />
      <NumberInput label="Warm-up steps" description="Steps that ramp the learning rate up from zero" min={0} {...form.getInputProps('warmupSteps')} />
      <NumberInput label="Seed" description="Same seed, same data order and noise: a run can be repeated" min={0} max={2 ** 32 - 1} {...form.getInputProps('seed')} />
    </SimpleGrid>
  );
}
