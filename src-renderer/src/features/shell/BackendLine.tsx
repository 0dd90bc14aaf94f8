import { Text, Tooltip } from '@mantine/core';
import { useStudioQuery } from '../../api/queries';

/** Which compute backend the engine picked (the line to paste into a bug report), and where the data lives. */
export function BackendLine() {
  const info = useStudioQuery('app.info', {}, { refetchInterval: (query) => (query.state.data?.backend ? false : 5000) });
  const backend = info.data?.backend?.split(' | ')[0] ?? 'engine starting…';
  return (
    <Tooltip label={info.data ? `${info.data.backend ?? 'the engine starts with the first job'} — data in ${info.data.dataDir}` : 'connecting'} multiline w={360} withArrow>
      <Text size="xs" c="dimmed" data-testid="backend" tabIndex={0} truncate>
        {backend}
      </Text>
    </Tooltip>
  );
}
