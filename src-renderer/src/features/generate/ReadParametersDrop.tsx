import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconFileTypePng } from '@tabler/icons-react';
import { useState } from 'react';
import type { A1111Infotext } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { readFileBase64 } from '../../components/read-file-base64';
import { loraTags } from './infotext-form';

/** Drop a PNG (ours, A1111's, ComfyUI's ...) to read the settings it was made with, and use them. */
export function ReadParametersDrop({ onUse }: { onUse: (info: A1111Infotext) => void }) {
  const read = useStudioMutation('generations.readParameters');
  const [fileName, setFileName] = useState<string | null>(null);
  const info = read.data;
  return (
    <Stack gap="md">
      <Dropzone
        accept={{ 'image/png': ['.png'] }}
        maxFiles={1}
        multiple={false}
        onDrop={async ([file]) => {
          setFileName(file.name);
          read.mutate({ pngBase64: await readFileBase64(file) });
        }}
        aria-label="Drop a PNG here or press to choose one, to read its generation settings"
        data-testid="png-dropzone"
        loading={read.isPending}
      >
        <Group justify="center" mih={90} style={{ pointerEvents: 'none' }}>
          <IconFileTypePng size={36} stroke={1.5} />
          <div>
            <Text fw={500}>Drop a PNG to read its settings</Text>
            <Text size="sm" c="dimmed">
              A1111’s “parameters”: prompt, seed, sampler, size, LoRAs
            </Text>
          </div>
        </Group>
      </Dropzone>
      {read.isSuccess && info === null && (
        <Alert color="yellow" title="No settings in this PNG">
          {fileName} carries no generation parameters (A1111’s “parameters” text). Images saved by other apps or edited afterwards often lose it.
        </Alert>
      )}
      {info && (
        <Card withBorder padding="sm" data-testid="png-parameters">
          <Text size="xs" c="dimmed">
            {fileName}
          </Text>
          <Text fw={500} mt={4}>
            {info.prompt}
          </Text>
          {info.negativePrompt && (
            <Text size="sm" c="dimmed">
              Negative: {info.negativePrompt}
            </Text>
          )}
          <Table fz="xs" mt="xs" withRowBorders={false} verticalSpacing={2}>
            <Table.Tbody>
              {info.settings.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Td c="dimmed" w={160}>
                    {key}
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {loraTags(info.prompt).length > 0 && (
            <Group gap={4} mt="xs">
              <Text size="xs">LoRAs to add to the blend yourself:</Text>
              {loraTags(info.prompt).map((t) => (
                <Badge key={t.name} size="xs" variant="light" tt="none">
                  {t.name} {t.weight}
                </Badge>
              ))}
            </Group>
          )}
          <Group mt="sm">
            <Button onClick={() => onUse(info)}>Use these settings</Button>
          </Group>
        </Card>
      )}
    </Stack>
  );
}
