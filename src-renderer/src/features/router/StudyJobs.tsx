import { Card, Stack } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { RouterStudyView } from '../../../../src-main/contract';
import { useStudioQuery } from '../../api/queries';
import { useJob } from '../../api/use-job';
import { useJobEnd } from '../../api/use-job-end';
import { JobProgress } from '../../components/JobProgress';

/** Studies running now (started here, or found running after a reload), each with its progress and Stop. */
export function StudyJobs({ projectId, started }: { projectId: number; started: string[] }) {
  const jobs = useStudioQuery('jobs.list', {});
  const running = (jobs.data ?? []).filter((j) => j.kind === 'study' && j.projectId === projectId).map((j) => j.jobId);
  const shown = [...new Set([...started, ...running])];
  if (shown.length === 0) return null;
  return (
    <Stack gap="sm" mb="md">
      {shown.map((jobId) => (
        <StudyJob key={jobId} projectId={projectId} jobId={jobId} openWhenDone={started.includes(jobId)} />
      ))}
    </Stack>
  );
}

/** "image 3 of 8, step 2 of 20": where a study is, from its progress events' item. */
const studyStep = (step: number, total: number, { item }: { item?: { index: number; count: number; step: number; steps: number } }) =>
  item ? `image ${item.index + 1} of ${item.count}, step ${item.step} of ${item.steps}` : `${step} / ${total}`;

function StudyJob({ projectId, jobId, openWhenDone }: { projectId: number; jobId: string; openWhenDone: boolean }) {
  const job = useJob(jobId);
  const navigate = useNavigate();
  useJobEnd(job, (ended) => {
    if (!ended.error && openWhenDone) navigate(`/p/${projectId}/router/${(ended.result as RouterStudyView).id}`);
  });
  if (!job || (job.done && !job.error)) return null;
  return (
    <Card withBorder padding="sm" data-testid="study-job">
      <JobProgress job={job} label="Router study" format={studyStep} />
    </Card>
  );
}
