import { Grid } from '@mantine/core';
import { useParams } from 'react-router';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';
import { NewRunForm } from './NewRunForm';
import { RunList } from './RunList';
import { RunMonitor } from './RunMonitor';

/** Runs on the left; on the right the chosen run's monitor, or the form for a new one (the newest run when none is chosen). */
export function TrainPage() {
  const projectId = useOpenProjectId();
  const { runId } = useParams();
  const runs = useStudioQuery('runs.list', { projectId });
  const sorted = [...(runs.data ?? [])].sort((a, b) => b.createdAt - a.createdAt);
  const chosen = runId === 'new' ? 'new' : runId ? Number(runId) : (sorted[0]?.id ?? (runs.isSuccess ? 'new' : null));
  return (
    <>
      <PageHeader title="Train" description="Teach an adapter your style; stop at the checkpoint whose samples look right." />
      {runs.error && <ErrorNotice error={runs.error} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4, xl: 3 }}>
          <RunList projectId={projectId} runs={sorted} current={chosen} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, xl: 9 }}>
          {chosen === 'new' && <NewRunForm projectId={projectId} />}
          {typeof chosen === 'number' && <RunMonitor key={chosen} runId={chosen} />}
        </Grid.Col>
      </Grid>
    </>
  );
}
