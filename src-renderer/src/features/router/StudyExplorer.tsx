import { Group, Stack, Tabs, Text } from '@mantine/core';
import type { RouterStudyView } from '../../../../src-main/contract';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDate } from '../../components/format';
import { PageLoader } from '../../components/PageLoader';
import { LayerOverview } from './LayerOverview';
import { RouteMap } from './RouteMap';

/** One stored study: what it ran, the map of its routes, and its layers over the steps. */
export function StudyExplorer({ studyId }: { studyId: number }) {
  const study = useStudioQuery('router.study', { studyId });
  if (study.error) return <ErrorNotice error={study.error} />;
  if (!study.data) return <PageLoader />;
  return (
    <Stack gap="md">
      <StudyFacts study={study.data} />
      <Tabs defaultValue="map" keepMounted>
        <Tabs.List mb="md">
          <Tabs.Tab value="map">Map of routes</Tabs.Tab>
          <Tabs.Tab value="layers">Layers over the steps</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="map">
          <RouteMap study={study.data} />
        </Tabs.Panel>
        <Tabs.Panel value="layers">
          <LayerOverview study={study.data} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function StudyFacts({ study }: { study: RouterStudyView }) {
  const s = study.settings as { width?: number; height?: number; cfgScale?: number; sampler?: string; seeds?: number };
  const prompts = new Set(study.images.map((i) => i.prompt)).size;
  const facts = [
    `adapter ${study.adapterName}`,
    `K = ${study.k} branches in ${study.layers.length} routed layers`,
    `${study.images.length} images (${prompts} prompts × ${s.seeds ?? '?'} seeds, ${study.themes.length} theme${study.themes.length === 1 ? '' : 's'})`,
    `${study.steps} steps`,
    s.width && `${s.width}×${s.height} px`,
    s.cfgScale !== undefined && `CFG ${s.cfgScale}`,
    s.sampler,
    formatDate(study.createdAt),
  ].filter(Boolean);
  return (
    <Group gap="xs" data-testid="study-facts">
      <Text size="sm" c="dimmed">
        {facts.join(' · ')}
      </Text>
    </Group>
  );
}
