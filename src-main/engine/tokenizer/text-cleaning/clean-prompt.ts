import { PY_WHITESPACE } from '../python-whitespace';
import { fixText } from './fix-text';

const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE}]+`, 'g');

/**
 * CLIP's text normalisation as transformers applies it with ftfy installed:
 * `re.sub(r'\s+', ' ', ftfy.fix_text(text)).strip().lower()`.
 */
export function cleanPrompt(text: string): string {
  const collapsed = fixText(text).replace(WHITESPACE_RUN, ' ');
  return collapsed.replace(/^ | $/g, '').toLowerCase();
}
