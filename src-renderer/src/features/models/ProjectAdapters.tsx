import { ActionIcon, Badge, Table, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { AdapterView } from '../../../../src-main/contract';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatBytes, formatCount } from '../../components/format';

const describe = (a: AdapterView) =>
  [a.settings.rank !== undefined && `rank ${String(a.settings.rank)}`, a.settings.k !== undefined && a.method === 'styleinject' && `K ${String(a.settings.k)}`].filter(Boolean).join(' · ');

/** The project's adapters: trained here (a run's checkpoint) or imported; the Generate page's mixer lists these. */
export function ProjectAdapters({ projectId }: { projectId: number }) {
  const adapters = useStudioQuery('adapters.list', { projectId });
  const remove = useStudioMutation('adapters.remove');
  if (adapters.error) return <ErrorNotice error={adapters.error} />;
  if (adapters.data?.length === 0) return <Text c="dimmed" size="sm">No adapters yet: train one, or add a LoRA file below.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" highlightOnHover data-testid="project-adapters">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th ta="right">Parameters</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {adapters.data?.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td fw={500}>{a.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={a.method === 'lora' ? 'teal' : 'violet'}>
                  {a.method === 'lora' ? 'LoRA' : 'StyleInject'}
                </Badge>{' '}
                <Text span size="xs" c="dimmed">
                  {describe(a)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {a.sourceRunId !== null ? `training run, step ${a.sourceStep}` : 'imported file'}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatCount(a.parameters)}</Table.Td>
              <Table.Td ta="right">{formatBytes(a.sizeBytes)}</Table.Td>
              <Table.Td ta="right">
                <Tooltip label="Remove from this project (the file stays)">
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove adapter ${a.name}`} onClick={() => remove.mutate({ adapterId: a.id })}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
