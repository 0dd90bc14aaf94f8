import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useStudioMutation } from '../../api/queries';
import { useJob } from '../../api/use-job';
import { useJobEnd } from '../../api/use-job-end';
import { formatBytes } from '../../components/format';
import { JobProgress } from '../../components/JobProgress';
import { notifyDone } from '../../components/notify';

/** A download into the library: resumable, verified against its SHA-256 when given, and stoppable. */
export function AddModelFromUrl() {
  const [url, setUrl] = useState('');
  const [sha256, setSha256] = useState('');
  const [name, setName] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStudioMutation('models.addUrl', { onSuccess: ({ jobId }) => setJobId(jobId) });
  const job = useJob(jobId);
  const running = job !== undefined && !job.done;
  useJobEnd(job, (ended) => {
    if (ended.error) return;
    notifyDone('Download finished: the model is in the library');
    setJobId(null);
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        start.mutate({ url: url.trim(), sha256: sha256.trim() || undefined, name: name.trim() || undefined });
      }}
    >
      <Stack gap="sm">
        <TextInput label="Address" description="A direct link to a .safetensors file (Hugging Face “resolve” links, civitai downloads)" placeholder="https://huggingface.co/…/v1-5-pruned-emaonly.safetensors" value={url} onChange={(e) => setUrl(e.currentTarget.value)} required />
        <Group grow align="flex-start">
          <TextInput label="SHA-256 (optional)" description="The download is refused if the file does not match" value={sha256} onChange={(e) => setSha256(e.currentTarget.value)} />
          <TextInput label="Name in the library (optional)" description="Shown in the pickers" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        </Group>
        <Group>
          <Button type="submit" disabled={url.trim() === '' || running} loading={start.isPending}>
            Download
          </Button>
        </Group>
        <JobProgress job={job} label="Downloading" showPhase={false} format={(step, total) => `${formatBytes(step)} of ${formatBytes(total)}`} />
      </Stack>
    </form>
  );
}
