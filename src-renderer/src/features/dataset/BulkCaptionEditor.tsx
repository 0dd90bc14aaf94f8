import { Button, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { CaptionEditAction } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { notifyDone } from '../../components/notify';

type Kind = CaptionEditAction['kind'];

const ACTIONS: { value: Kind; label: string; help: string }[] = [
  { value: 'addTrigger', label: 'Add trigger word', help: 'Puts the word first in every caption that lacks it' },
  { value: 'replace', label: 'Find and replace', help: 'Every occurrence, case-sensitive' },
  { value: 'prefix', label: 'Add a prefix', help: 'Text put before each caption' },
  { value: 'suffix', label: 'Add a suffix', help: 'Text put after each caption' },
  { value: 'removeTag', label: 'Remove a tag', help: 'Drops the comma-separated tag wherever it appears' },
];

/** One caption edit applied to many captions at once: all items, the ones shown by the filter, or the selected ones. */
export function BulkCaptionEditor({ datasetId, total, shownIds, selectedIds }: { datasetId: number; total: number; shownIds: number[]; selectedIds: number[] }) {
  const [kind, setKind] = useState<Kind>('addTrigger');
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [scope, setScope] = useState<'all' | 'shown' | 'selected'>('all');
  const edit = useStudioMutation('datasets.editCaptions', { onSuccess: ({ changed }) => notifyDone(`Changed ${changed} caption${changed === 1 ? '' : 's'}`) });
  const action = ACTIONS.find((a) => a.value === kind) ?? ACTIONS[0];
  const build = (): CaptionEditAction => {
    switch (kind) {
      case 'addTrigger':
        return { kind, word: first };
      case 'replace':
        return { kind, find: first, replace: second };
      case 'prefix':
      case 'suffix':
        return { kind, text: first };
      case 'removeTag':
        return { kind, tag: first };
    }
  };
  const itemIds = scope === 'all' ? undefined : scope === 'shown' ? shownIds : selectedIds;
  const firstLabel = { addTrigger: 'Trigger word', replace: 'Find', prefix: 'Prefix', suffix: 'Suffix', removeTag: 'Tag' }[kind];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        edit.mutate({ datasetId, itemIds, edit: build() });
      }}
    >
      <Stack gap="sm">
        <Select label="Bulk caption edit" description={action.help} data={ACTIONS} value={kind} onChange={(v) => v && setKind(v as Kind)} allowDeselect={false} />
        <TextInput label={firstLabel} value={first} onChange={(e) => setFirst(e.currentTarget.value)} placeholder={kind === 'addTrigger' ? 'inkstyle' : undefined} required />
        {kind === 'replace' && <TextInput label="Replace with" description="Empty removes the text" value={second} onChange={(e) => setSecond(e.currentTarget.value)} />}
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Apply to
          </Text>
          <SegmentedControl
            size="xs"
            value={scope}
            onChange={(v) => setScope(v as typeof scope)}
            data={[
              { value: 'all', label: `All (${total})` },
              { value: 'shown', label: `Shown (${shownIds.length})`, disabled: shownIds.length === 0 },
              { value: 'selected', label: `Selected (${selectedIds.length})`, disabled: selectedIds.length === 0 },
            ]}
          />
        </Stack>
        <Button type="submit" loading={edit.isPending} disabled={first === '' || (itemIds !== undefined && itemIds.length === 0)}>
          Apply
        </Button>
      </Stack>
    </form>
  );
}
