import { Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { IconPhotoPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportSummary } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useJob } from '../../api/use-job';
import { useJobEnd } from '../../api/use-job-end';
import { JobProgress } from '../../components/JobProgress';
import { ImportReport } from './ImportReport';
import { useUploadFiles } from './use-upload-files';

const ACCEPT = { 'image/png': ['.png'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/webp': ['.webp'], 'text/plain': ['.txt'] };

/** Images in: dropped or picked files (uploaded one by one), or a folder on this computer (kohya N_name folders and .txt captions kept). */
export function ImportPanel({ datasetId }: { datasetId: number }) {
  const [path, setPath] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [report, setReport] = useState<ImportSummary | null>(null);
  const uploads = useUploadFiles(datasetId);
  const importPaths = useStudioMutation('datasets.importPaths', {
    onSuccess: ({ jobId }) => {
      setReport(null);
      setJobId(jobId);
    },
  });
  const job = useJob(jobId);
  useJobEnd(job, (ended) => {
    if (!ended.error) setReport(ended.result as ImportSummary);
  });
  const up = uploads.progress;
  const shown = report ?? (up && !up.running ? up : null);
  return (
    <Stack gap="sm">
      <Dropzone
        onDrop={(files) => {
          setReport(null);
          uploads.upload(files);
        }}
        onReject={(rejections) => {
          setReport(null);
          uploads.upload([], rejections.map((r) => ({ path: r.file.name, reason: 'not an image the studio reads (PNG, JPEG or WebP) or a .txt caption' })));
        }}
        accept={ACCEPT}
        disabled={up?.running}
        p="md"
        aria-label="Add images: drop them here or press to choose files"
        data-testid="dataset-dropzone"
      >
        <Group justify="center" gap="sm" mih={70} style={{ pointerEvents: 'none' }}>
          <IconPhotoPlus size={32} stroke={1.5} />
          <div>
            <Text size="sm" fw={500}>
              Drop images here, or click to choose
            </Text>
            <Text size="xs" c="dimmed">
              PNG, JPEG or WebP; a same-name .txt file is its caption
            </Text>
          </div>
        </Group>
      </Dropzone>
      {up?.running && (
        <Stack gap={4} data-testid="upload-progress">
          <Group justify="space-between">
            <Text size="sm">
              Uploading {up.done} of {up.total}
            </Text>
            <Button size="xs" variant="light" color="red" onClick={uploads.stop}>
              Stop
            </Button>
          </Group>
          <Progress value={up.total ? (up.done / up.total) * 100 : 0} aria-label="Upload progress" />
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          importPaths.mutate({ datasetId, paths: [path.trim()] });
        }}
      >
        <Group align="flex-end" wrap="nowrap" gap="xs">
          <TextInput label="Or a folder on this computer" description="Subfolders too; kohya's 10_name folders repeat" placeholder="/home/me/art/ink" value={path} onChange={(e) => setPath(e.currentTarget.value)} style={{ flex: 1 }} />
          <Button type="submit" variant="default" disabled={path.trim() === '' || (job !== undefined && !job.done)} loading={importPaths.isPending}>
            Import
          </Button>
        </Group>
      </form>
      <JobProgress job={job} label="Importing" showPhase={false} format={(step, total) => `${step} of ${total} files`} />
      {shown && (
        <ImportReport
          summary={shown}
          onClose={() => {
            setReport(null);
            uploads.clear();
          }}
        />
      )}
    </Stack>
  );
}
