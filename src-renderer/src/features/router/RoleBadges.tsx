import { Badge, Group } from '@mantine/core';
import type { BranchRoles } from '../../../../src-main/contract';

/** What a layer's usage says, in two badges at most: the leading branch (or an even split) and dead branches. */
export function RoleBadges({ roles }: { roles: BranchRoles }) {
  return (
    <Group gap={4} wrap="nowrap">
      {roles.even ? (
        <Badge size="xs" variant="light" color="gray" title="No branch takes more than 1.2 times its fair share (1/K)">
          even
        </Badge>
      ) : (
        <Badge size="xs" variant="light" color="violet" title="The branch with the largest share of the routes">
          {`branch ${roles.top} · ${(roles.topShare * 100).toFixed(0)}%`}
        </Badge>
      )}
      {roles.dead.length > 0 && (
        <Badge size="xs" variant="light" color="red" title="Branches with less than a tenth of their fair share (1/K)">
          {`dead ${roles.dead.join(', ')}`}
        </Badge>
      )}
    </Group>
  );
}
