import { z } from 'zod';
import { captionTags } from '../../storage';

const text = z.string().min(1, 'must not be empty');

/** One edit, applied to one caption or to many at once. */
export const captionEditSchema = z.discriminatedUnion('kind', [
  /** Puts the trigger word first, unless the caption already has it as a tag. */
  z.object({ kind: z.literal('addTrigger'), word: text }).strict(),
  /** Plain-text find and replace (every occurrence, case-sensitive). */
  z.object({ kind: z.literal('replace'), find: text, replace: z.string() }).strict(),
  z.object({ kind: z.literal('prefix'), text }).strict(),
  z.object({ kind: z.literal('suffix'), text }).strict(),
  /** Drops a tag (a comma-separated part) wherever it appears. */
  z.object({ kind: z.literal('removeTag'), tag: text }).strict(),
]);
export type CaptionEditAction = z.infer<typeof captionEditSchema>;

/** The caption after one edit. Tags are joined with ", " as kohya-style captions are. */
export function applyCaptionEdit(caption: string, edit: CaptionEditAction): string {
  switch (edit.kind) {
    case 'addTrigger': {
      const tags = captionTags(caption);
      const word = edit.word.trim();
      return tags.includes(word) ? caption : [word, ...(caption.trim() ? [caption.trim()] : [])].join(', ');
    }
    case 'replace':
      return caption.split(edit.find).join(edit.replace);
    case 'prefix':
      return caption.trim() ? `${edit.text}${caption}` : edit.text.replace(/[,\s]+$/, '');
    case 'suffix':
      return caption.trim() ? `${caption}${edit.text}` : edit.text.replace(/^[,\s]+/, '');
    case 'removeTag':
      return caption
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== '' && part !== edit.tag.trim())
        .join(', ');
  }
}
