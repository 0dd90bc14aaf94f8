import { NumberInput, Select, SimpleGrid, Switch } from '@mantine/core';
import type { ModelView } from '../../../../src-main/contract';
import { SAMPLERS, useGenerateFormContext } from './generate-form';
import { SeedField } from './SeedField';

/** The base model and how it samples: steps, CFG, size, sampler, batch and seed. */
export function SamplingFields({ checkpoints }: { checkpoints: ModelView[] }) {
  const form = useGenerateFormContext();
  return (
    <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
      <Select
        label="Base model"
        placeholder="Choose a checkpoint"
        data={checkpoints.map((m) => ({ value: String(m.id), label: m.name }))}
        style={{ gridColumn: '1 / -1' }}
        allowDeselect={false}
        nothingFoundMessage="Add a checkpoint on the Models page"
        {...form.getInputProps('modelId')}
      />
      <NumberInput label="Steps" description="More is finer, slower" min={1} max={150} {...form.getInputProps('steps')} />
      <NumberInput label="CFG scale" description="How closely to follow the prompt" min={0} max={30} step={0.5} decimalScale={1} {...form.getInputProps('cfgScale')} />
      <NumberInput label="Width" description="Multiple of 8 px" min={64} max={2048} step={64} {...form.getInputProps('width')} />
      <NumberInput label="Height" description="Multiple of 8 px" min={64} max={2048} step={64} {...form.getInputProps('height')} />
      <Select label="Sampler" data={SAMPLERS} allowDeselect={false} {...form.getInputProps('sampler')} />
      <NumberInput label="Batch" description="Images, seed + i each" min={1} max={8} {...form.getInputProps('batch')} />
      <div style={{ gridColumn: '1 / -1' }}>
        <SeedField />
      </div>
      <Switch style={{ gridColumn: '1 / -1' }} label="Record router trace" description="Saves which style directions each StyleInject layer picks, for the Router page" {...form.getInputProps('traceRouter', { type: 'checkbox' })} />
    </SimpleGrid>
  );
}
