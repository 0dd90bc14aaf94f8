import { Badge } from '@mantine/core';
import type { TrainingRun } from '../../../../src-main/contract';

const COLORS: Record<TrainingRun['status'], string> = { queued: 'yellow', running: 'blue', completed: 'teal', failed: 'red', cancelled: 'gray' };

export function RunStatusBadge({ status }: { status: TrainingRun['status'] }) {
  return (
    <Badge color={COLORS[status]} variant="light" data-testid="run-status">
      {status}
    </Badge>
  );
}
