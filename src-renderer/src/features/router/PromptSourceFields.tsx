import { MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useStudioQuery } from '../../api/queries';
import { parsePromptList } from './prompt-list';
import type { PromptSource, StudyForm } from './study-form';

const SOURCES: { value: PromptSource; label: string; help: string }[] = [
  { value: 'builtin', label: 'Built-in themes', help: 'Plain subjects without style words (portraits, landscapes, animals …): the adapter brings the style, the study shows whether the router treats subjects differently.' },
  { value: 'list', label: 'My prompts', help: 'One prompt per line. To group them, write theme<TAB>prompt (two columns pasted from a spreadsheet); lines without a theme share the theme “prompts”.' },
  { value: 'dataset', label: 'A dataset’s captions', help: 'Every captioned image of the dataset that is not excluded, as a prompt; the theme is the dataset’s name.' },
];

/** Where a study's prompts come from: the built-in themes, the artist's own list, or a dataset's captions. */
export function PromptSourceFields({ projectId, form }: { projectId: number; form: UseFormReturnType<StudyForm> }) {
  const themes = useStudioQuery('router.themes', {});
  const datasets = useStudioQuery('datasets.list', { projectId });
  const { source, list } = form.values;
  const problems = source === 'list' ? parsePromptList(list).problems : [];
  const maxPerTheme = Math.max(1, ...(themes.data ?? []).map((t) => t.prompts.length));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Prompts
      </Text>
      <SegmentedControl aria-label="Prompts from" data={SOURCES.map(({ value, label }) => ({ value, label }))} {...form.getInputProps('source')} />
      <Text size="xs" c="dimmed">
        {SOURCES.find((s) => s.value === source)?.help}
      </Text>
      {source === 'builtin' && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <MultiSelect
            style={{ gridColumn: 'span 2' }}
            label="Themes"
            description="None chosen: all of them"
            placeholder={form.values.themes.length === 0 ? 'All themes' : undefined}
            data={(themes.data ?? []).map((t) => ({ value: t.theme, label: `${t.theme} (${t.prompts.length})` }))}
            clearable
            {...form.getInputProps('themes')}
          />
          <NumberInput label="Prompts per theme" description={`The first ones of each theme (at most ${maxPerTheme})`} min={1} max={maxPerTheme} {...form.getInputProps('perTheme')} />
        </SimpleGrid>
      )}
      {source === 'list' && (
        <Textarea
          label="Prompt list"
          placeholder={'a red fox in the snow\nanimals\ta heron standing in a river\nportraits\ta child laughing in the rain'}
          autosize
          minRows={4}
          maxRows={12}
          error={problems.length > 0 ? problems.join('; ') : undefined}
          {...form.getInputProps('list')}
        />
      )}
      {source === 'dataset' && (
        <Select
          label="Dataset"
          placeholder="Choose a dataset"
          data={(datasets.data ?? []).map((d) => ({ value: String(d.id), label: `${d.name} (${d.items - d.excluded} images, ${d.flags.noCaption} without a caption)` }))}
          {...form.getInputProps('datasetId')}
        />
      )}
    </Stack>
  );
}
