import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useStudioMutation } from '../../api/queries';

/** A new dataset in the project: whether it copies the images in, and the smallest edge it accepts without a flag. */
export function CreateDatasetModal({ projectId, onClose }: { projectId: number; onClose: () => void }) {
  const [name, setName] = useState('');
  const [storage, setStorage] = useState<'copy' | 'reference'>('copy');
  const [minEdge, setMinEdge] = useState<number | string>(512);
  const navigate = useNavigate();
  const create = useStudioMutation('datasets.create', {
    onSuccess: (dataset) => {
      onClose();
      navigate(`/p/${projectId}/dataset/${dataset.id}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title="New dataset">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ projectId, name, storage, minEdge: Number(minEdge) || undefined });
        }}
      >
        <Stack>
          <TextInput label="Name" placeholder="ink-wash" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus required />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Images
            </Text>
            <SegmentedControl
              value={storage}
              onChange={(v) => setStorage(v as typeof storage)}
              data={[
                { value: 'copy', label: 'Copy into the project' },
                { value: 'reference', label: 'Use where they are' },
              ]}
            />
            <Text size="xs" c="dimmed">
              {storage === 'copy' ? 'Safe if you move or delete the originals; uses disk space.' : 'No extra disk space; moving the originals breaks the dataset.'}
            </Text>
          </Stack>
          <NumberInput label="Minimum edge (px)" description="Smaller images are flagged low resolution (the paper dropped images under 512 px)" value={minEdge} onChange={setMinEdge} min={8} max={16384} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
              Create dataset
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
