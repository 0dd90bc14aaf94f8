import { Button, Card, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useStudioMutation } from '../../api/queries';

/** A new project: a name (and a note); it opens at once on its Dataset page. */
export function CreateProjectForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const navigate = useNavigate();
  const create = useStudioMutation('projects.create', { onSuccess: (project) => navigate(`/p/${project.id}/dataset`) });
  return (
    <Card withBorder padding="md" mb="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name, description: description || undefined });
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label="New project" description="One style per project" placeholder="Ink wash landscapes" value={name} onChange={(e) => setName(e.currentTarget.value)} required w={320} />
          <TextInput label="Note (optional)" description="Where the images come from, what to aim for" value={description} onChange={(e) => setDescription(e.currentTarget.value)} w={360} />
          <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
            Create project
          </Button>
        </Group>
      </form>
    </Card>
  );
}
