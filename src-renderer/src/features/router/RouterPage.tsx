import { Anchor, Card, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';

/** The router explorer's place: its own issue fills it in (router traces and studies from the engine). */
export function RouterPage() {
  const projectId = useOpenProjectId();
  return (
    <>
      <PageHeader title="Router" description="Look inside a StyleInject adapter: which of its K style directions each layer picks, step by step." />
      <Card withBorder padding="lg" maw={720}>
        <Text fw={600} mb="xs">
          The router explorer is on its way
        </Text>
        <Text size="sm" c="dimmed" mb="md">
          It will show, for your generations with a StyleInject adapter, the router's choice per layer and denoising step, and a map (t-SNE) of how prompts group by style.
        </Text>
        <List size="sm" spacing={6}>
          <List.Item>
            Train a StyleInject adapter on the{' '}
            <Anchor component={Link} to={`/p/${projectId}/train`} inherit>
              Train
            </Anchor>{' '}
            page.
          </List.Item>
          <List.Item>
            Generate with it on the{' '}
            <Anchor component={Link} to={`/p/${projectId}/generate`} inherit>
              Generate
            </Anchor>{' '}
            page with “Record router trace” switched on: those traces are what this page will read.
          </List.Item>
        </List>
      </Card>
    </>
  );
}
