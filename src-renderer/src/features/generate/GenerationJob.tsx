import { Card, Group, Image, Stack } from '@mantine/core';
import type { GenerationJobResult } from '../../../../src-main/contract';
import { useJob } from '../../api/use-job';
import { useJobEnd } from '../../api/use-job-end';
import { JobProgress } from '../../components/JobProgress';
import { previewSrc } from './preview-src';

/** One generation while it denoises: the preview as it sharpens, how far it is, Stop; its error in words if it fails. */
export function GenerationJob({ jobId, onResult, label = 'Generating' }: { jobId: string; onResult?: (result: GenerationJobResult) => void; label?: string }) {
  const job = useJob(jobId);
  useJobEnd(job, (ended) => {
    if (!ended.error) onResult?.(ended.result as GenerationJobResult);
  });
  if (!job || (job.done && !job.error)) return null;
  return (
    <Card withBorder padding="sm" data-testid="generation-job">
      <Stack gap="sm">
        {job.preview && !job.done && (
          <Group gap="xs">
            {job.preview.map((image, i) => (
              <Image key={i} src={previewSrc(image)} alt={`Preview ${i + 1} while denoising`} w={192} h={192} fit="contain" radius="sm" bg="dark.8" style={{ imageRendering: 'pixelated' }} data-testid="live-preview" />
            ))}
          </Group>
        )}
        <JobProgress job={job} label={label} />
      </Stack>
    </Card>
  );
}
