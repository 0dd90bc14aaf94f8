import { Button, Select } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DatasetView } from '../../../../src-main/contract';
import { CreateDatasetModal } from './CreateDatasetModal';

/** Which of the project's datasets the page shows, and a new one. */
export function DatasetPicker({ projectId, datasets, current }: { projectId: number; datasets: DatasetView[]; current: DatasetView | undefined }) {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <>
      {datasets.length > 0 && (
        <Select
          aria-label="Dataset"
          data={datasets.map((d) => ({ value: String(d.id), label: `${d.name} (${d.items})` }))}
          value={current ? String(current.id) : null}
          onChange={(v) => v && navigate(`/p/${projectId}/dataset/${v}`)}
          allowDeselect={false}
          w={220}
        />
      )}
      <Button leftSection={<IconPlus size={16} />} variant={datasets.length === 0 ? 'filled' : 'default'} onClick={() => setCreating(true)}>
        New dataset
      </Button>
      {creating && <CreateDatasetModal projectId={projectId} onClose={() => setCreating(false)} />}
    </>
  );
}
