import { Badge, Button, Loader, Popover, Stack, UnstyledButton } from '@mantine/core';
import type { JobView } from '../../../../src-main/contract';
import { useJob } from '../../api/use-job';
import { useStudioQuery } from '../../api/queries';
import { JobProgress } from '../../components/JobProgress';

const KIND_LABELS: Record<JobView['kind'], string> = { generate: 'Generating', train: 'Training', import: 'Importing images', download: 'Downloading a model', study: 'Router study', embed: 'Mapping router traces' };

/** Everything running now, from any page: how far each job is, and a Stop button. */
export function JobsIndicator() {
  const jobs = useStudioQuery('jobs.list', {});
  const running = jobs.data ?? [];
  if (running.length === 0) return null;
  return (
    <Popover width={380} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <UnstyledButton aria-label={`${running.length} job${running.length === 1 ? '' : 's'} running`}>
          <Badge size="lg" variant="light" leftSection={<Loader size={12} />}>
            {running.length} running
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="md">
          {running.map((view) => (
            <RunningJob key={view.jobId} view={view} />
          ))}
          <Button variant="subtle" size="xs" onClick={() => void jobs.refetch()}>
            Refresh
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function RunningJob({ view }: { view: JobView }) {
  const job = useJob(view.jobId);
  return <JobProgress job={job} label={KIND_LABELS[view.kind]} />;
}
