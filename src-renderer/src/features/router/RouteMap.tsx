import { Card, Center, Grid, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { RouterStudyView } from '../../../../src-main/contract';
import { JobProgress } from '../../components/JobProgress';
import { EmbeddingSettings } from './EmbeddingSettings';
import { ExportMenu } from './ExportMenu';
import { mapCaptions, METHOD_NAMES, separationInWords } from './map-captions';
import { PointTooltip } from './PointTooltip';
import { COLOUR_BY_LABELS, scatterModel, type ColourBy } from './scatter-model';
import { ScatterLegend } from './ScatterLegend';
import { ScatterPlot } from './ScatterPlot';
import { SelectionImages } from './SelectionImages';
import { useEmbedding } from './use-embedding';

const PLOT_HEIGHT = 560;

/** The map of routes: one point per image and step, coloured as asked; the embedding's settings beside it; the selected images under it. */
export function RouteMap({ study }: { study: RouterStudyView }) {
  const { view, job, asked, start, starting } = useEmbedding(study.id);
  const [colourBy, setColourBy] = useState<ColourBy>('theme');
  const [selected, setSelected] = useState<number[]>([]);
  const model = useMemo(() => (view ? scatterModel(study, view, colourBy) : null), [study, view, colourBy]);
  const captions = view ? mapCaptions(study, view, colourBy) : null;
  const running = job && !job.done;
  const selectImage = (point: number) => {
    if (!view) return;
    const image = view.sources[point].image;
    setSelected(view.sources.flatMap((s, i) => (s.image === image ? [i] : [])));
  };
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 9 }}>
        <Stack gap="sm">
          <Group justify="space-between" wrap="wrap">
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                Colour by
              </Text>
              <SegmentedControl size="xs" aria-label="Colour by" value={colourBy} onChange={(v) => setColourBy(v as ColourBy)} data={Object.entries(COLOUR_BY_LABELS).map(([value, label]) => ({ value, label }))} />
            </Group>
            {view && model && captions && <ExportMenu study={study} view={view} model={model} colourBy={colourBy} {...captions} />}
          </Group>
          {captions && (
            <Text size="sm" fw={500} data-testid="map-title">
              {captions.subtitle}
            </Text>
          )}
          {view && model ? (
            <ScatterPlot
              model={model}
              height={PLOT_HEIGHT}
              selected={selected}
              label={captions?.title ?? 'Map of routes'}
              tooltip={(point) => <PointTooltip study={study} view={view} point={point} />}
              onSelect={setSelected}
              onPick={selectImage}
            />
          ) : (
            <Card withBorder h={PLOT_HEIGHT}>
              <Center h="100%">
                <Text c="dimmed">{job?.error ? 'The map could not be drawn: see why on the right.' : 'Drawing the first map (PCA)…'}</Text>
              </Center>
            </Card>
          )}
          <Text size="xs" c="dimmed">
            Hover a point to see its image and step. Drag a rectangle to list the images inside it; click a point to follow its image through every step. With the map focused, arrow keys walk the points.
          </Text>
          {view && selected.length > 0 && <SelectionImages study={study} view={view} points={selected} onClear={() => setSelected([])} />}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 3 }}>
        <Stack gap="md">
          {model && (
            <Card withBorder padding="sm">
              <Title order={6} mb="xs">
                {COLOUR_BY_LABELS[colourBy]}
              </Title>
              <ScatterLegend legend={model.legend} />
            </Card>
          )}
          {view && (
            <Card withBorder padding="sm" data-testid="map-facts">
              <Title order={6} mb={4}>
                {METHOD_NAMES[view.method]} of the routes
              </Title>
              <Text size="xs">{separationInWords(view) ?? 'One theme only: colour by prompt or step to compare images.'}</Text>
              {view.notes.length > 0 && (
                <List size="xs" mt={6} c="dimmed" spacing={2}>
                  {view.notes.map((note) => (
                    <List.Item key={note}>{note}</List.Item>
                  ))}
                </List>
              )}
            </Card>
          )}
          <Card withBorder padding="sm">
            <Title order={6} mb="xs">
              Draw another map
            </Title>
            <Stack gap="sm">
              <EmbeddingSettings study={study} busy={starting || !!running} onDraw={start} />
              <JobProgress job={job} label={asked ? METHOD_NAMES[asked.method] : 'Embedding'} showPhase={false} />
            </Stack>
          </Card>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
