import { Accordion, Badge, Button, Code, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { ModelView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { confirmDanger } from '../../components/confirm-danger';
import { formatBytes } from '../../components/format';
import { DetectedBadges, DetectedDetails, detectedSummary, formatLabel } from './DetectedDetails';
import { TokenizerSelect } from './TokenizerSelect';

const STORAGE: Record<ModelView['storage'], string> = { reference: 'used where it lies', copy: 'copied into the library', download: 'downloaded' };

/** One model of the library: a line to scan, and its details (configuration, hash, tokenizer) when opened. */
export function ModelItem({ model, tokenizers }: { model: ModelView; tokenizers: ModelView[] }) {
  const remove = useStudioMutation('models.remove');
  const confirmRemove = () =>
    confirmDanger({
      title: `Remove “${model.name}” from the library?`,
      message: model.storage === 'reference' ? 'The file stays where it is; only the library forgets it.' : 'The library’s own copy of the file is deleted.',
      confirm: 'Remove',
      onConfirm: () => remove.mutate({ modelId: model.id }),
    });
  return (
    <Accordion.Item value={String(model.id)} data-testid="model-item">
      <Accordion.Control>
        <Group justify="space-between" wrap="nowrap" pr="sm">
          <Group gap="sm" wrap="nowrap">
            <DetectedBadges kind={model.kind} />
            <Text fw={500} truncate>
              {model.name}
            </Text>
          </Group>
          <Group gap="lg" wrap="nowrap">
            <Text size="sm" c="dimmed" visibleFrom="md">
              {detectedSummary(model.detected, model.format)}
            </Text>
            <Text size="sm" c="dimmed" w={80} ta="right">
              {formatBytes(model.sizeBytes)}
            </Text>
          </Group>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {formatLabel(model.format)}
            </Badge>
            <Badge variant="outline" color="gray">
              {STORAGE[model.storage]}
            </Badge>
          </Group>
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            <Text span c="dimmed">
              Path{' '}
            </Text>
            {model.absolutePath}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed">
              SHA-256
            </Text>
            <Code>{model.sha256.slice(0, 16)}…</Code>
            <CopyButton value={model.sha256}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the whole hash'}>
                  <Button size="compact-xs" variant="subtle" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
          <DetectedDetails detected={model.detected} />
          {model.kind === 'checkpoint' && <TokenizerSelect model={model} tokenizers={tokenizers} />}
          <Group>
            <Button variant="light" color="red" size="xs" onClick={confirmRemove} loading={remove.isPending}>
              Remove from library
            </Button>
          </Group>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
