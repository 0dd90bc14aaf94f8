import { Button, MultiSelect, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';
import { useState } from 'react';
import type { RouterStudyView } from '../../../../src-main/contract';
import { METHOD_NAMES } from './map-captions';
import type { EmbedRequest } from './use-embedding';

type Method = EmbedRequest['method'];

const METHODS: { value: Method; help: string }[] = [
  { value: 'pca', help: 'A quick first look: the two directions along which the routes vary most. Distances are faithful, clusters may overlap.' },
  { value: 'tsne', help: 'Keeps each point’s near neighbours near: clusters show clearly; distances between clusters mean little.' },
  { value: 'umap', help: 'Like t-SNE, and takes any number of points; keeps a little more of the global layout.' },
];

/** How to embed the routes: the method and its settings, and which layers' routes make up each point's vector. */
export function EmbeddingSettings({ study, busy, onDraw }: { study: RouterStudyView; busy: boolean; onDraw: (request: EmbedRequest) => void }) {
  const [method, setMethod] = useState<Method>('pca');
  const [perplexity, setPerplexity] = useState<number | string>(30);
  const [iterations, setIterations] = useState<number | string>(500);
  const [neighbors, setNeighbors] = useState<number | string>(15);
  const [epochs, setEpochs] = useState<number | string>(200);
  const [layers, setLayers] = useState<string[]>([]);
  const points = study.images.length * study.steps;
  const tsneTooMany = points > study.tsneMaxPoints;
  const draw = () =>
    onDraw({
      method,
      ...(layers.length > 0 && { layers }),
      ...(method === 'tsne' && { perplexity: Number(perplexity) || undefined, iterations: Number(iterations) || undefined }),
      ...(method === 'umap' && { neighbors: Number(neighbors) || undefined, iterations: Number(epochs) || undefined }),
    });
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label="Embedding method"
        value={method}
        onChange={(v) => setMethod(v as Method)}
        data={METHODS.map(({ value }) => ({ value, label: METHOD_NAMES[value], disabled: value === 'tsne' && tsneTooMany }))}
        fullWidth
      />
      <Text size="xs" c="dimmed">
        {tsneTooMany && method !== 'tsne' ? `t-SNE takes at most ${study.tsneMaxPoints.toLocaleString()} points here (this study has ${points.toLocaleString()}): use UMAP. ` : ''}
        {METHODS.find((m) => m.value === method)?.help}
      </Text>
      {method === 'tsne' && (
        <>
          <NumberInput size="xs" label="Perplexity" description="Neighbours each point attends to (5–50)" min={1} max={500} value={perplexity} onChange={setPerplexity} />
          <NumberInput size="xs" label="Iterations" min={1} max={10_000} step={100} value={iterations} onChange={setIterations} />
        </>
      )}
      {method === 'umap' && (
        <>
          <NumberInput size="xs" label="Neighbours" description="Larger keeps more of the global layout" min={2} max={500} value={neighbors} onChange={setNeighbors} />
          <NumberInput size="xs" label="Epochs" min={1} max={10_000} step={50} value={epochs} onChange={setEpochs} />
        </>
      )}
      <MultiSelect
        size="xs"
        label="Layers"
        description={`Whose routes make up each point (${study.layers.length} routed layers)`}
        placeholder={layers.length === 0 ? 'All routed layers' : undefined}
        data={study.layers.map((layer, l) => ({ value: layer, label: study.layerLabels[l] }))}
        value={layers}
        onChange={setLayers}
        searchable
        clearable
        maxDropdownHeight={280}
      />
      <Button leftSection={<IconChartDots3 size={16} />} onClick={draw} loading={busy}>
        Draw the map
      </Button>
    </Stack>
  );
}
