import { Badge, Group, List, Table, Text } from '@mantine/core';

const LABELS: Record<string, string> = {
  architecture: 'Architecture',
  pipeline: 'Pipeline',
  contextWidth: 'Text context width',
  textVocabSize: 'Vocabulary size',
  prediction: 'Prediction',
  hasVae: 'Includes a VAE',
  hasTokenizer: 'Includes a tokenizer',
  dtype: 'Weights',
  style: 'LoRA style',
  tensors: 'Tensors',
  files: 'Files',
};

const show = (value: unknown) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : typeof value === 'object' ? JSON.stringify(value) : String(value));

/** What reading a model's headers found (its configuration), and the notes that matter to the artist. */
export function DetectedDetails({ detected }: { detected: Record<string, unknown> }) {
  const { notes, kind: _kind, format: _format, ...fields } = detected;
  const entries = Object.entries(fields);
  return (
    <>
      {entries.length > 0 && (
        <Table withRowBorders={false} verticalSpacing={2} fz="sm" maw={520}>
          <Table.Tbody>
            {entries.map(([key, value]) => (
              <Table.Tr key={key}>
                <Table.Td c="dimmed" w={200}>
                  {LABELS[key] ?? key}
                </Table.Td>
                <Table.Td>{show(value)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {Array.isArray(notes) && notes.length > 0 && (
        <List size="sm" mt="xs" icon={<Badge size="xs" variant="light" color="yellow">note</Badge>}>
          {notes.map((note) => (
            <List.Item key={String(note)}>
              <Text size="sm">{String(note)}</Text>
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

const FORMATS: Record<string, string> = { diffusers: 'diffusers folder', single_file: 'single file', clip_tokenizer: 'CLIP tokenizer', kohya: 'kohya LoRA', peft: 'PEFT LoRA' };

/** A file format as the artist reads it ("single file", not single_file). */
export function formatLabel(format: string): string {
  return FORMATS[format] ?? format.replace(/_/g, ' ');
}

/** One line: "sd15 · diffusers folder · epsilon". */
export function detectedSummary(detected: Record<string, unknown>, format: string): string {
  return [detected.architecture, formatLabel(format), detected.prediction].filter((v) => typeof v === 'string' && v !== '').join(' · ');
}

export function DetectedBadges({ kind }: { kind: string }) {
  const colors: Record<string, string> = { checkpoint: 'violet', lora: 'teal', vae: 'orange', tokenizer: 'gray' };
  return (
    <Group gap={4}>
      <Badge variant="light" color={colors[kind] ?? 'gray'}>
        {kind === 'lora' ? 'LoRA' : kind}
      </Badge>
    </Group>
  );
}
