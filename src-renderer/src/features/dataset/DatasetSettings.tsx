import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DatasetView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { confirmDanger } from '../../components/confirm-danger';
import { notifyDone } from '../../components/notify';

/** The flags' thresholds, a kohya folder export, and deleting the dataset. */
export function DatasetSettings({ dataset }: { dataset: DatasetView }) {
  const [folder, setFolder] = useState('');
  const navigate = useNavigate();
  const update = useStudioMutation('datasets.update');
  const exportKohya = useStudioMutation('datasets.exportKohya', { onSuccess: ({ images, folder }) => notifyDone(`Exported ${images} images to ${folder}`) });
  const remove = useStudioMutation('datasets.delete', { onSuccess: () => navigate(`/p/${dataset.projectId}/dataset`) });
  const confirmDelete = () =>
    confirmDanger({
      title: `Delete the dataset “${dataset.name}”?`,
      message: dataset.storage === 'copy' ? 'Its copied images and captions are removed; your originals stay where they are.' : 'The studio forgets it; your images stay where they are.',
      confirm: 'Delete dataset',
      onConfirm: () => remove.mutate({ datasetId: dataset.id, confirm: true }),
    });
  return (
    <Stack gap="md">
      <NumberInput label="Minimum edge (px)" description="Images with a shorter edge are flagged low resolution" defaultValue={dataset.minEdge} min={8} max={16384} onBlur={(e) => Number(e.currentTarget.value) !== dataset.minEdge && update.mutate({ datasetId: dataset.id, minEdge: Number(e.currentTarget.value) })} />
      <NumberInput
        label="Near-duplicate distance"
        description="How different two images may look (0-64) and still count as near duplicates"
        defaultValue={dataset.nearDuplicateDistance}
        min={0}
        max={64}
        onBlur={(e) => Number(e.currentTarget.value) !== dataset.nearDuplicateDistance && update.mutate({ datasetId: dataset.id, nearDuplicateDistance: Number(e.currentTarget.value) })}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          exportKohya.mutate({ datasetId: dataset.id, folder: folder.trim() });
        }}
      >
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <TextInput label="Export as a kohya folder" description="Images + .txt captions, for other trainers" placeholder="/home/me/export/ink" value={folder} onChange={(e) => setFolder(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit" variant="default" disabled={folder.trim() === ''} loading={exportKohya.isPending}>
            Export
          </Button>
        </Group>
      </form>
      <Button variant="light" color="red" onClick={confirmDelete} loading={remove.isPending}>
        Delete this dataset
      </Button>
    </Stack>
  );
}
