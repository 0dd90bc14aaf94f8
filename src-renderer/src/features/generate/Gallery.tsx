import { SimpleGrid, Text } from '@mantine/core';
import type { GenerationView } from '../../../../src-main/contract';
import { useStudioQuery } from '../../api/queries';
import { ErrorNotice } from '../../components/ErrorNotice';
import { GenerationCard } from './GenerationCard';

/** The project's results, newest first. */
export function Gallery({ projectId, onReuse }: { projectId: number; onReuse: (g: GenerationView) => void }) {
  const generations = useStudioQuery('generations.list', { projectId, limit: 100 });
  if (generations.error) return <ErrorNotice error={generations.error} />;
  if (generations.data?.length === 0) return <Text c="dimmed">Results appear here: write a prompt and press Generate.</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="sm" data-testid="gallery">
      {generations.data?.map((g) => (
        <GenerationCard key={g.id} generation={g} onReuse={() => onReuse(g)} />
      ))}
    </SimpleGrid>
  );
}
