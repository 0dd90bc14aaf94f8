import { Card, Grid, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import type { DatasetItemView, DatasetView } from '../../../../src-main/contract';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';
import { BulkCaptionEditor } from './BulkCaptionEditor';
import { DatasetPicker } from './DatasetPicker';
import { DatasetSettings } from './DatasetSettings';
import { FlagFilters } from './FlagFilters';
import { FocusModal } from './FocusModal';
import { ImportPanel } from './ImportPanel';
import { filterItems, isFiltering, NO_FILTER, type ItemFilter } from './item-filters';
import { ItemGrid } from './ItemGrid';
import { SelectionBar } from './SelectionBar';
import { TagList } from './TagList';

export function DatasetPage() {
  const projectId = useOpenProjectId();
  const { datasetId } = useParams();
  const datasets = useStudioQuery('datasets.list', { projectId });
  const current = datasets.data?.find((d) => d.id === Number(datasetId)) ?? datasets.data?.[0];
  return (
    <>
      <PageHeader title="Dataset" description="The images a style learns from: captions, flags, what to leave out.">
        <DatasetPicker projectId={projectId} datasets={datasets.data ?? []} current={current} />
      </PageHeader>
      {datasets.error && <ErrorNotice error={datasets.error} />}
      {datasets.isSuccess && !current && <Text c="dimmed">This project has no dataset yet: create one, then drop your images in.</Text>}
      {current && <DatasetWorkspace key={current.id} dataset={current} />}
    </>
  );
}

function DatasetWorkspace({ dataset }: { dataset: DatasetView }) {
  const items = useStudioQuery('datasets.items', { datasetId: dataset.id });
  const [filter, setFilter] = useState<ItemFilter>(NO_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [opened, setOpened] = useState<number | null>(null);
  const all = useMemo(() => items.data ?? [], [items.data]);
  const shown = useMemo(() => filterItems(all, filter), [all, filter]);
  const shownIds = useMemo(() => shown.map((i) => i.id), [shown]);
  const openedItem = all.find((i) => i.id === opened);
  const select = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Stack gap="sm">
          <FlagFilters items={all} value={filter.flags} onChange={(flags) => setFilter({ ...filter, flags })} />
          <Group justify="space-between" wrap="wrap" gap="xs">
            <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder="Find in captions" aria-label="Find in captions" value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.currentTarget.value })} w={240} />
            <SelectionBar selectedIds={[...selected]} shownIds={shownIds} onSelect={(ids) => setSelected(new Set(ids))} />
          </Group>
          <Text size="sm" c="dimmed" data-testid="item-count">
            {isFiltering(filter) ? `${shown.length} of ${all.length} images shown` : `${all.length} images`}
            {filter.tag && ` · tag “${filter.tag}”`} · {dataset.excluded} excluded
          </Text>
          {items.error && <ErrorNotice error={items.error} />}
          {items.isSuccess && all.length === 0 ? (
            <Card withBorder padding="xl">
              <Text c="dimmed" ta="center">
                No images yet: drop some on the right, or import a folder.
              </Text>
            </Card>
          ) : (
            <ItemGrid items={shown} selected={selected} onSelect={select} onOpen={(item: DatasetItemView) => setOpened(item.id)} />
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <Card withBorder padding="sm">
          <Tabs defaultValue="import" keepMounted>
            <Tabs.List grow mb="sm">
              <Tabs.Tab value="import">Import</Tabs.Tab>
              <Tabs.Tab value="captions">Captions</Tabs.Tab>
              <Tabs.Tab value="settings">Settings</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="import">
              <ImportPanel datasetId={dataset.id} />
            </Tabs.Panel>
            <Tabs.Panel value="captions">
              <Stack gap="lg">
                <BulkCaptionEditor datasetId={dataset.id} total={all.length} shownIds={shownIds} selectedIds={[...selected]} />
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    Tags by frequency
                  </Text>
                  <TagList datasetId={dataset.id} activeTag={filter.tag} onTag={(tag) => setFilter({ ...filter, tag })} />
                </Stack>
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="settings">
              <DatasetSettings dataset={dataset} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Grid.Col>
      {openedItem && <FocusModal item={openedItem} onClose={() => setOpened(null)} />}
    </Grid>
  );
}
