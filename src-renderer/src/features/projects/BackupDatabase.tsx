import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconDatabaseExport } from '@tabler/icons-react';
import { useState } from 'react';
import { useStudioMutation, useStudioQuery } from '../../api/queries';
import { notifyDone } from '../../components/notify';

/** A consistent copy of the database while the studio runs (SQLite's online backup). */
export function BackupDatabase() {
  const [opened, { open, close }] = useDisclosure(false);
  const [path, setPath] = useState('');
  const info = useStudioQuery('app.info', {});
  const backup = useStudioMutation('app.backup', {
    onSuccess: ({ path }) => {
      notifyDone(`Database copied to ${path}. For a full backup, copy the projects folder of the data folder beside it.`);
      close();
    },
  });
  return (
    <>
      <Button variant="default" leftSection={<IconDatabaseExport size={16} />} onClick={open}>
        Back up database
      </Button>
      <Modal opened={opened} onClose={close} title="Back up the database">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            backup.mutate({ to: path.trim() });
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              Projects, models, datasets, runs and generations are listed in one database{info.data ? ` in ${info.data.dataDir}` : ''}. This copies it safely while the studio runs.
            </Text>
            <TextInput label="Save the copy as" placeholder="/home/me/backups/studio.sqlite" value={path} onChange={(e) => setPath(e.currentTarget.value)} data-autofocus required />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={backup.isPending} disabled={path.trim() === ''}>
                Back up
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
