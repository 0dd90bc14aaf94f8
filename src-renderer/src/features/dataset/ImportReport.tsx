import { Alert, ScrollArea, Table, Text } from '@mantine/core';
import type { ImportSummary } from '../../../../src-main/contract';

/** What an import did: how many images came in, and every skipped file with the reason. */
export function ImportReport({ summary, onClose }: { summary: ImportSummary; onClose: () => void }) {
  const skipped = summary.skipped.length;
  return (
    <Alert color={skipped > 0 ? 'yellow' : 'teal'} title={`Imported ${summary.imported} image${summary.imported === 1 ? '' : 's'}${skipped > 0 ? `, skipped ${skipped}` : ''}`} withCloseButton onClose={onClose} data-testid="import-report">
      {skipped > 0 && (
        <ScrollArea.Autosize mah={200} type="auto">
          <Table fz="xs" verticalSpacing={4} withRowBorders={false}>
            <Table.Tbody>
              {summary.skipped.map((s, i) => (
                <Table.Tr key={`${s.path}-${i}`}>
                  <Table.Td style={{ wordBreak: 'break-all', verticalAlign: 'top' }} w="40%">
                    <Text size="xs" fw={500}>
                      {s.path.split(/[\\/]/).pop()}
                    </Text>
                  </Table.Td>
                  <Table.Td>{s.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
    </Alert>
  );
}
