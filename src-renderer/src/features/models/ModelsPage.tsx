import { Card, Grid, Stack, Tabs, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { useOpenProjectId } from '../shell/use-project-id';
import { AddModelFromPath } from './AddModelFromPath';
import { AddModelFromUrl } from './AddModelFromUrl';
import { ImportAdapterForm } from './ImportAdapterForm';
import { ModelLibrary } from './ModelLibrary';
import { ProjectAdapters } from './ProjectAdapters';

export function ModelsPage() {
  const projectId = useOpenProjectId();
  return (
    <>
      <PageHeader title="Models" description="The model library, shared by every project (base checkpoints, tokenizers, LoRAs), and this project's adapters." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={4} mb="sm">
            Library
          </Title>
          <ModelLibrary />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Card withBorder padding="md">
            <Title order={4} mb="sm">
              Add a model
            </Title>
            <Tabs defaultValue="path" keepMounted>
              <Tabs.List mb="md">
                <Tabs.Tab value="path">From this computer</Tabs.Tab>
                <Tabs.Tab value="url">From a URL</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="path">
                <AddModelFromPath />
              </Tabs.Panel>
              <Tabs.Panel value="url">
                <AddModelFromUrl />
              </Tabs.Panel>
            </Tabs>
          </Card>
        </Grid.Col>
        <Grid.Col span={12}>
          <Card withBorder padding="md">
            <Stack gap="sm">
              <div>
                <Title order={4}>This project’s adapters</Title>
                <Text size="sm" c="dimmed">
                  Community LoRAs can go in the library above (every project's mixer offers them) or into this project only, here.
                </Text>
              </div>
              <ProjectAdapters projectId={projectId} />
              <ImportAdapterForm projectId={projectId} />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
