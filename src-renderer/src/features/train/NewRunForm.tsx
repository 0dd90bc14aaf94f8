import { Accordion, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { AdapterFields } from './AdapterFields';
import { DataFields } from './DataFields';
import { DistillFields } from './DistillFields';
import { DreamBoothFields } from './DreamBoothFields';
import { MonitorFields } from './MonitorFields';
import { OptimisationFields } from './OptimisationFields';
import { PRESETS, presetForm, settingsFromForm, type PresetName } from './presets';
import { RunFormProvider, useRunForm } from './run-form';

/** A new training run: a method preset, the data and base model, and every setting (each with a default and a line of help). */
export function NewRunForm({ projectId }: { projectId: number }) {
  const navigate = useNavigate();
  const datasets = useStudioQuery('datasets.list', { projectId });
  const models = useStudioQuery('models.list', {});
  const checkpoints = (models.data ?? []).filter((m) => m.kind === 'checkpoint');
  const [preset, setPreset] = useState<PresetName>('styleinject');
  const form = useRunForm({ mode: 'controlled', initialValues: presetForm('styleinject') });
  const start = useStudioMutation('runs.start', { onSuccess: (run) => navigate(`/p/${projectId}/train/${run.id}`) });
  const values = form.values;
  const needsDataset = !(values.task === 'distill' && values.promptsOnly);
  const choosePreset = (name: PresetName) => {
    setPreset(name);
    form.setValues(presetForm(name, { datasetId: values.datasetId, modelId: values.modelId, name: values.name }));
  };
  const submit = form.onSubmit((f) =>
    start.mutate({
      projectId,
      modelId: Number(f.modelId),
      datasetId: needsDataset && f.datasetId !== null ? Number(f.datasetId) : undefined,
      name: f.name.trim() || undefined,
      settings: settingsFromForm(f),
    }),
  );
  // The task's own settings first (open), then the rest.
  const sections = [
    ...(values.task === 'dreambooth' ? [{ value: 'task', label: 'DreamBooth', fields: <DreamBoothFields /> }] : []),
    ...(values.task === 'distill' ? [{ value: 'task', label: 'Distillation', fields: <DistillFields checkpoints={checkpoints} /> }] : []),
    { value: 'training', label: 'Training', fields: <OptimisationFields /> },
    { value: 'adapter', label: 'Adapter', fields: <AdapterFields /> },
    { value: 'monitor', label: 'Checkpoints and samples', fields: <MonitorFields /> },
    { value: 'data', label: 'Captions and augmentation', fields: <DataFields /> },
  ];
  const ready = values.modelId !== null && (!needsDataset || values.datasetId !== null) && (values.task !== 'distill' || values.teacherModelId !== null);
  return (
    <RunFormProvider form={form}>
      <form onSubmit={submit}>
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={4}>New training run</Title>
            <Stack gap={4}>
              <SegmentedControl value={preset} onChange={(v) => choosePreset(v as PresetName)} data={(Object.keys(PRESETS) as PresetName[]).map((p) => ({ value: p, label: PRESETS[p].label }))} aria-label="Method preset" />
              <Text size="sm" c="dimmed">
                {PRESETS[preset].help}
              </Text>
            </Stack>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Select
                label="Dataset"
                description={needsDataset ? 'The images it learns from (excluded ones left out)' : 'Not needed: the teacher draws the images'}
                placeholder="Choose a dataset"
                data={(datasets.data ?? []).map((d) => ({ value: String(d.id), label: `${d.name} (${d.items - d.excluded} images)` }))}
                disabled={!needsDataset}
                {...form.getInputProps('datasetId')}
              />
              <Select label="Base model" description="The SD 1.5 checkpoint the adapter is trained for" placeholder="Choose a checkpoint" data={checkpoints.map((m) => ({ value: String(m.id), label: m.name }))} {...form.getInputProps('modelId')} />
              <TextInput label="Run name" description="Optional; the method and time otherwise" {...form.getInputProps('name')} />
            </SimpleGrid>
            <Accordion multiple defaultValue={['task', 'training']} variant="contained">
              {sections.map((section) => (
                <Accordion.Item key={section.label} value={section.value}>
                  <Accordion.Control>{section.label}</Accordion.Control>
                  <Accordion.Panel>{section.fields}</Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {ready ? `${values.maxSteps} steps at ${values.resolution} px, checkpoint every ${values.checkpointEvery}` : 'Choose the base model and the dataset to start.'}
              </Text>
              <Button type="submit" size="md" loading={start.isPending} disabled={!ready}>
                Start training
              </Button>
            </Group>
          </Stack>
        </Card>
      </form>
    </RunFormProvider>
  );
}
