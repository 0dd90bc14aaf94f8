import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRoute } from '@tabler/icons-react';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { parsePromptList } from './prompt-list';
import { PromptSourceFields } from './PromptSourceFields';
import { whyNoRouter } from './study-adapters';
import { INITIAL_STUDY_FORM, promptCount, startStudyInput, type StudyForm } from './study-form';

/** A new router study: one StyleInject adapter, the base model, prompts, seeds and the sampling size. */
export function NewStudyForm({ projectId, onStarted }: { projectId: number; onStarted: (jobId: string) => void }) {
  const adapters = useStudioQuery('adapters.list', { projectId });
  const models = useStudioQuery('models.list', {});
  const themes = useStudioQuery('router.themes', {});
  const form = useForm<StudyForm>({ mode: 'controlled', initialValues: INITIAL_STUDY_FORM });
  const start = useStudioMutation('router.startStudy', { onSuccess: ({ jobId }) => onStarted(jobId) });
  const values = form.values;
  const checkpoints = (models.data ?? []).filter((m) => m.kind === 'checkpoint');
  const adapterOptions = (adapters.data ?? []).map((a) => {
    const why = whyNoRouter(a);
    const k = typeof a.settings.k === 'number' ? `, K ${a.settings.k}` : '';
    return { value: String(a.id), label: why ? `${a.name}: ${why}` : `${a.name} (StyleInject${k})`, disabled: why !== null };
  });
  const studiable = adapterOptions.some((o) => !o.disabled);
  const prompts = promptCount(values, themes.data ?? []);
  const images = prompts === null ? null : prompts * (Number(values.seeds) || 0);
  const listProblems = values.source === 'list' ? parsePromptList(values.list).problems : [];
  const promptsReady = values.source === 'dataset' ? values.datasetId !== null : (prompts ?? 0) > 0 && listProblems.length === 0;
  const ready = values.adapterId !== null && values.modelId !== null && promptsReady;
  return (
    <form onSubmit={form.onSubmit((f) => start.mutate(startStudyInput(projectId, f)))}>
      <Card withBorder padding="lg">
        <Stack gap="md">
          <Stack gap={2}>
            <Title order={4}>New router study</Title>
            <Text size="sm" c="dimmed">
              Runs every prompt with every seed through one adapter and records, at every denoising step, how each layer’s style router splits among its K branches. The images are kept with the study.
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label="Adapter"
              description="A StyleInject adapter with a style router (DMA)"
              placeholder={adapters.isSuccess && adapterOptions.length === 0 ? 'This project has no adapters' : 'Choose an adapter'}
              data={adapterOptions}
              error={adapters.isSuccess && adapterOptions.length > 0 && !studiable ? 'None of these has a style router: train a StyleInject adapter with DMA on (Train page) or add one (Models page).' : undefined}
              {...form.getInputProps('adapterId')}
            />
            <Select label="Base model" description="The SD 1.5 checkpoint the adapter was trained for" placeholder="Choose a checkpoint" data={checkpoints.map((m) => ({ value: String(m.id), label: m.name }))} {...form.getInputProps('modelId')} />
            <TextInput label="Study name" description="Optional; the adapter and themes otherwise" {...form.getInputProps('name')} />
          </SimpleGrid>
          <PromptSourceFields projectId={projectId} form={form} />
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="md">
            <NumberInput label="Seeds per prompt" description="Images per prompt" min={1} max={64} {...form.getInputProps('seeds')} />
            <NumberInput label="Steps" description="Denoising steps" min={1} max={150} {...form.getInputProps('steps')} />
            <NumberInput label="Width" description="px, a multiple of 8" min={64} max={2048} step={64} {...form.getInputProps('width')} />
            <NumberInput label="Height" description="px, a multiple of 8" min={64} max={2048} step={64} {...form.getInputProps('height')} />
            <NumberInput label="CFG scale" description="Prompt guidance" min={0} max={30} step={0.5} decimalScale={2} {...form.getInputProps('cfgScale')} />
          </SimpleGrid>
          <Group justify="space-between">
            <Text size="sm" c="dimmed" data-testid="study-size">
              {images === null ? `The dataset’s captions × ${values.seeds} seeds, ${values.steps} steps each` : `${prompts} prompts × ${values.seeds} seeds = ${images.toLocaleString()} images; ${(images * (Number(values.steps) || 0)).toLocaleString()} points on the map (one per image and step)`}
            </Text>
            <Button type="submit" size="md" leftSection={<IconRoute size={18} />} loading={start.isPending} disabled={!ready}>
              Start study
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
