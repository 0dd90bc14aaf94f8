import { ActionIcon, Button, Select, Tooltip } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { RouterStudySummary } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { confirmDanger } from '../../components/confirm-danger';
import { formatShortDate } from '../../components/format';

/** Which stored study the page shows; a new one; deleting the one shown (after asking). */
export function StudyPicker({ projectId, studies, current }: { projectId: number; studies: RouterStudySummary[]; current: number | 'new' | null }) {
  const navigate = useNavigate();
  const remove = useStudioMutation('router.deleteStudy', { onSuccess: () => navigate(`/p/${projectId}/router`) });
  const shown = studies.find((s) => s.id === current);
  const askDelete = (study: RouterStudySummary) =>
    confirmDanger({
      title: `Delete the study “${study.name}”?`,
      message: `Its ${study.imageCount} images and their router traces are removed. The adapter and the model stay. This cannot be undone.`,
      confirm: 'Delete study',
      onConfirm: () => remove.mutate({ studyId: study.id, confirm: true }),
    });
  return (
    <>
      {studies.length > 0 && (
        <Select
          aria-label="Study"
          data={studies.map((s) => ({ value: String(s.id), label: `${s.name} · ${s.imageCount} images · ${formatShortDate(s.createdAt)}` }))}
          value={shown ? String(shown.id) : null}
          placeholder="Choose a study"
          onChange={(v) => v && navigate(`/p/${projectId}/router/${v}`)}
          allowDeselect={false}
          w={360}
          comboboxProps={{ width: 460, position: 'bottom-end' }}
        />
      )}
      {shown && (
        <Tooltip label="Delete this study and its images">
          <ActionIcon size="lg" variant="default" color="red" aria-label={`Delete study ${shown.name}`} loading={remove.isPending} onClick={() => askDelete(shown)}>
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
      <Button leftSection={<IconPlus size={16} />} variant={current === 'new' ? 'filled' : 'default'} onClick={() => navigate(`/p/${projectId}/router/new`)}>
        New study
      </Button>
    </>
  );
}
