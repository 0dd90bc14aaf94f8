import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useStudioMutation } from '../../api/queries';
import { notifyDone } from '../../components/notify';

/** A community LoRA (kohya, diffusers/PEFT) or one of our adapter files, added to this project. */
export function ImportAdapterForm({ projectId }: { projectId: number }) {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const importAdapter = useStudioMutation('adapters.import', {
    onSuccess: (adapter) => {
      notifyDone(`Added the adapter ${adapter.name} to this project`);
      setPath('');
      setName('');
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        importAdapter.mutate({ projectId, path: path.trim(), name: name.trim() || undefined });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput label="Adapter file" description="A kohya or diffusers LoRA, or a StyleInject file" placeholder="/home/me/loras/watercolor.safetensors" value={path} onChange={(e) => setPath(e.currentTarget.value)} required style={{ flex: 2, minWidth: 260 }} />
        <TextInput label="Adapter name (optional)" description="As the mixer lists it" value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1, minWidth: 160 }} />
        <Button type="submit" disabled={path.trim() === ''} loading={importAdapter.isPending}>
          Add to project
        </Button>
      </Group>
    </form>
  );
}
