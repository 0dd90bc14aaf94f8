import { Button, Card, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useStudioMutation } from '../../api/queries';
import { notifyDone } from '../../components/notify';
import { DetectedBadges, DetectedDetails, formatLabel } from './DetectedDetails';

/** A checkpoint, LoRA, VAE or tokenizer already on this computer: look at what it is, then add it. */
export function AddModelFromPath() {
  const [path, setPath] = useState('');
  const [name, setName] = useState('');
  const [copy, setCopy] = useState(false);
  const inspect = useStudioMutation('models.inspect');
  const add = useStudioMutation('models.addPath', {
    onSuccess: (model) => {
      notifyDone(`Added ${model.name} to the library`);
      setPath('');
      setName('');
      inspect.reset();
    },
  });
  const detected = inspect.data;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ path: path.trim(), copy, name: name.trim() || undefined });
      }}
    >
      <Stack gap="sm">
        <TextInput
          label="File or folder"
          description="A .safetensors checkpoint or LoRA, a diffusers folder, or a CLIP tokenizer folder"
          placeholder="/home/me/models/v1-5-pruned-emaonly.safetensors"
          value={path}
          onChange={(e) => {
            setPath(e.currentTarget.value);
            inspect.reset();
          }}
          required
        />
        <Group grow align="flex-start">
          <TextInput label="Name (optional)" description="Shown in the pickers; the file's name otherwise" value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <Switch mt={28} label="Copy into the library" description="Otherwise the studio uses it where it lies" checked={copy} onChange={(e) => setCopy(e.currentTarget.checked)} />
        </Group>
        <Group>
          <Button variant="default" disabled={path.trim() === ''} loading={inspect.isPending} onClick={() => inspect.mutate({ path: path.trim() })}>
            Inspect
          </Button>
          <Button type="submit" disabled={path.trim() === ''} loading={add.isPending}>
            Add to library
          </Button>
        </Group>
        {detected && (
          <Card withBorder padding="sm" data-testid="inspect-result">
            <Group gap="xs" mb={6}>
              <DetectedBadges kind={String(detected.kind)} />
              <Text size="sm" c="dimmed">
                {formatLabel(String(detected.format))}
              </Text>
            </Group>
            <DetectedDetails detected={detected} />
          </Card>
        )}
      </Stack>
    </form>
  );
}
