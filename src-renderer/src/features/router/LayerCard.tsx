import { Card, Stack, Text, UnstyledButton } from '@mantine/core';
import type { RouterStudyView } from '../../../../src-main/contract';
import { HeatmapCanvas } from './HeatmapCanvas';
import { RoleBadges } from './RoleBadges';
import { UsageBar } from './UsageBar';

export const CARD_WIDTH = 176;

/** One layer in the overview: its heat map (branches x steps), its usage bar and what they say; a click opens it large. */
export function LayerCard({ study, layer, max, colours, active, onOpen }: { study: RouterStudyView; layer: number; max: number; colours: string[]; active: boolean; onOpen: () => void }) {
  const label = study.layerLabels[layer];
  return (
    <UnstyledButton onClick={onOpen} aria-label={`Open layer ${label}`} aria-pressed={active}>
      <Card withBorder padding={8} style={active ? { borderColor: 'var(--mantine-color-violet-5)' } : undefined} data-testid="layer-card">
        <Stack gap={6}>
          <Text size="xs" fw={500} truncate title={study.layers[layer]}>
            {label}
          </Text>
          <HeatmapCanvas byStep={study.summary.meanByStep[layer]} max={max} width={CARD_WIDTH - 18} height={Math.min(72, Math.max(32, study.k * 5))} label={`Heat map of ${label}`} />
          <UsageBar usage={study.summary.usage[layer]} colours={colours} />
          <RoleBadges roles={study.roles[layer]} />
        </Stack>
      </Card>
    </UnstyledButton>
  );
}
