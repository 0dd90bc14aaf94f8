import { Textarea } from '@mantine/core';
import { useState } from 'react';
import type { DatasetItemView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';

/** One item's caption, edited in place: saved when the field loses focus (or Ctrl+Enter), Escape undoes. */
export function CaptionField({ item }: { item: DatasetItemView }) {
  const [draft, setDraft] = useState<string | null>(null);
  const save = useStudioMutation('datasets.setCaption', { onSuccess: () => setDraft(null) });
  const commit = () => {
    if (draft !== null && draft !== item.caption) save.mutate({ itemId: item.id, caption: draft });
    else setDraft(null);
  };
  return (
    <Textarea
      aria-label={`Caption of image ${item.id}`}
      placeholder="No caption: describe the image, comma-separated tags"
      value={draft ?? item.caption}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setDraft(null);
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit();
      }}
      autosize
      minRows={2}
      maxRows={3}
      size="xs"
      disabled={save.isPending}
      styles={{ input: { fontSize: 12, lineHeight: 1.35 } }}
    />
  );
}
