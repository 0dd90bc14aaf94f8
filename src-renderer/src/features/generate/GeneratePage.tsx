import { Button, Card, Divider, Grid, Stack, Tabs } from '@mantine/core';
import { IconSparkles } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { GenerationJobResult } from '../../../../src-main/contract';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';
import { AbCompare } from './AbCompare';
import { AdapterMixer } from './AdapterMixer';
import { Gallery } from './Gallery';
import { formFromGeneration, GenerateFormProvider, INITIAL_FORM, startInput, useGenerateForm, type GenerateForm } from './generate-form';
import { GenerationJob } from './GenerationJob';
import { formFromInfotext } from './infotext-form';
import { PromptFields } from './PromptFields';
import { ReadParametersDrop } from './ReadParametersDrop';
import { SamplingFields } from './SamplingFields';

const saved = (projectId: number): GenerateForm => {
  try {
    return { ...INITIAL_FORM, ...(JSON.parse(localStorage.getItem(`styleinject.generate.${projectId}`) ?? '{}') as Partial<GenerateForm>) };
  } catch {
    return INITIAL_FORM;
  }
};

export function GeneratePage() {
  const projectId = useOpenProjectId();
  return <GenerateWorkspace key={projectId} projectId={projectId} />;
}

/** The prompt, the blend and the sampling settings on the left; results, the A/B view and PNG reading on the right. */
function GenerateWorkspace({ projectId }: { projectId: number }) {
  const models = useStudioQuery('models.list', {});
  const jobs = useStudioQuery('jobs.list', {});
  const checkpoints = (models.data ?? []).filter((m) => m.kind === 'checkpoint');
  // The form outlives the page: it comes back as the artist left it (per project).
  const form = useGenerateForm({ mode: 'controlled', initialValues: saved(projectId), onValuesChange: (values) => localStorage.setItem(`styleinject.generate.${projectId}`, JSON.stringify(values)) });
  const [tab, setTab] = useState<string | null>('results');
  const [started, setStarted] = useState<string[]>([]);
  const start = useStudioMutation('generations.start', { onSuccess: ({ jobId }) => setStarted((ids) => [jobId, ...ids]) });
  const firstCheckpoint = checkpoints[0]?.id;
  const { modelId } = form.values;
  useEffect(() => {
    if (modelId === null && firstCheckpoint !== undefined) form.setFieldValue('modelId', String(firstCheckpoint));
  }, [modelId, firstCheckpoint, form]);
  // Generations running when the page opened (a reload, another window) show here too.
  const running = (jobs.data ?? []).filter((j) => j.kind === 'generate' && j.projectId === projectId).map((j) => j.jobId);
  const shown = [...new Set([...started, ...running])];
  const generate = () => start.mutate(startInput(projectId, form.values));
  const onResult = (result: GenerationJobResult) => {
    if (!form.values.seedLocked) form.setFieldValue('seed', result.generation.seed);
  };
  return (
    <GenerateFormProvider form={form}>
      <PageHeader title="Generate" description="Draw with the base model and a blend of adapters; compare, reuse, and read settings back from PNGs." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <Card withBorder padding="md">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                generate();
              }}
            >
              <Stack gap="md">
                <PromptFields onSubmit={generate} />
                <Button type="submit" size="md" leftSection={<IconSparkles size={18} />} loading={start.isPending} disabled={form.values.modelId === null}>
                  Generate
                </Button>
                <Divider />
                <AdapterMixer projectId={projectId} />
                <Divider />
                <SamplingFields checkpoints={checkpoints} />
              </Stack>
            </form>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
          <Tabs value={tab} onChange={setTab} keepMounted>
            <Tabs.List mb="md">
              <Tabs.Tab value="results">Results</Tabs.Tab>
              <Tabs.Tab value="ab">A / B</Tabs.Tab>
              <Tabs.Tab value="png">Read a PNG</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="results">
              <Stack gap="md">
                {shown.map((jobId) => (
                  <GenerationJob key={jobId} jobId={jobId} onResult={onResult} />
                ))}
                <Gallery
                  projectId={projectId}
                  onReuse={(g) => {
                    form.setValues(formFromGeneration(g, form.values));
                    window.scrollTo({ top: 0, behavior: 'smooth' });
                  }}
                />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="ab">
              <AbCompare projectId={projectId} />
            </Tabs.Panel>
            <Tabs.Panel value="png">
              <ReadParametersDrop onUse={(info) => form.setValues(formFromInfotext(info, form.values))} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
    </GenerateFormProvider>
  );
}
