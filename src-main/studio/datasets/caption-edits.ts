import type { CaptionEditAction } from '../../contract';
import { captionTags } from '../../storage';

export { captionEditSchema, type CaptionEditAction } from '../../contract';

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
