import { ActionIcon, Button, Card, Collapse, Group, NumberInput, RangeSlider, SimpleGrid, Slider, Stack, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustments, IconX } from '@tabler/icons-react';
import { useGenerateFormContext } from './generate-form';

const GROUPS = [
  { key: 'input', label: 'Input blocks' },
  { key: 'middle', label: 'Middle block' },
  { key: 'output', label: 'Output blocks' },
] as const;

/** One adapter of the blend: its weight, and behind "advanced" its weight per block group and the steps it acts in. */
export function MixerRow({ index }: { index: number }) {
  const form = useGenerateFormContext();
  const entry = form.values.mix[index];
  const [advanced, { toggle }] = useDisclosure(false);
  const path = `mix.${index}`;
  return (
    <Card withBorder padding="xs" data-testid="mixer-row">
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Text size="sm" fw={500} truncate>
          {entry.name}
        </Text>
        <Group gap={2} wrap="nowrap">
          <Tooltip label="Block weights and step range">
            <ActionIcon variant={advanced ? 'light' : 'subtle'} size="sm" aria-expanded={advanced} aria-label={`Advanced settings for ${entry.name}`} onClick={toggle}>
              <IconAdjustments size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Take out of the blend">
            <ActionIcon variant="subtle" color="red" size="sm" aria-label={`Remove ${entry.name} from the blend`} onClick={() => form.removeListItem('mix', index)}>
              <IconX size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Group gap="sm" wrap="nowrap">
        <Slider
          style={{ flex: 1 }}
          min={-2}
          max={2}
          step={0.05}
          marks={[{ value: 0 }, { value: 1 }]}
          label={(v) => v.toFixed(2)}
          aria-label={`Weight of ${entry.name}`}
          value={entry.weight}
          onChange={(v) => form.setFieldValue(`${path}.weight`, v)}
        />
        <NumberInput size="xs" w={72} min={-4} max={4} step={0.05} decimalScale={2} aria-label={`Weight of ${entry.name} (number)`} value={entry.weight} onChange={(v) => form.setFieldValue(`${path}.weight`, Number(v) || 0)} />
      </Group>
      <Collapse expanded={advanced}>
        <Stack gap="xs" mt="sm">
          <SimpleGrid cols={3} spacing="xs">
            {GROUPS.map((g) => (
              <NumberInput key={g.key} size="xs" label={g.label} description="× the weight" step={0.1} decimalScale={2} min={-4} max={4} value={entry.blockWeights[g.key]} onChange={(v) => form.setFieldValue(`${path}.blockWeights.${g.key}`, Number(v) || 0)} />
            ))}
          </SimpleGrid>
          <Text size="xs">
            Acts from {Math.round(entry.steps[0] * 100)}% to {Math.round(entry.steps[1] * 100)}% of the denoising (early steps set composition, late ones texture)
          </Text>
          <RangeSlider min={0} max={1} step={0.05} minRange={0.05} label={(v) => `${Math.round(v * 100)}%`} value={entry.steps} onChange={(v) => form.setFieldValue(`${path}.steps`, v)} aria-label={`Step range of ${entry.name}`} />
          <Group justify="flex-end">
            <Button
              size="compact-xs"
              variant="subtle"
              onClick={() => {
                form.setFieldValue(`${path}.blockWeights`, { input: 1, middle: 1, output: 1 });
                form.setFieldValue(`${path}.steps`, [0, 1]);
              }}
            >
              Reset
            </Button>
          </Group>
        </Stack>
      </Collapse>
    </Card>
  );
}
