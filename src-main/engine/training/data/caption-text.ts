/**
 * Turns caption bytes from an artist's .txt file into one clean line: UTF-8 (BOM dropped),
 * or Windows-1252 when the bytes are not valid UTF-8 (old Windows tools write that); CRLF/CR
 * lines joined with ', '; control characters and runs of spaces collapsed; overly long
 * captions cut at a tag boundary. Every adjustment is reported so the studio can show it.
 */

/** Far beyond CLIP's 77 tokens (or A1111's 3 chunks); longer is almost surely a wrong file. */
export const DEFAULT_MAX_CAPTION_CHARS = 2000;

export interface CleanCaption {
  text: string;
  notes: string[];
}

export function captionFromBytes(bytes: Uint8Array, maxChars = DEFAULT_MAX_CAPTION_CHARS): CleanCaption {
  const notes: string[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
    notes.push('caption is not valid UTF-8; read as Windows-1252');
  }
  const cleaned = cleanCaption(text, maxChars);
  return { text: cleaned.text, notes: [...notes, ...cleaned.notes] };
}

export function cleanCaption(raw: string, maxChars = DEFAULT_MAX_CAPTION_CHARS): CleanCaption {
  const notes: string[] = [];
  const lines = raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (lines.length > 1) notes.push(`caption had ${lines.length} lines; joined with ', '`);
  let text = lines.join(', ');
  if (text.length > maxChars) {
    const cut = text.lastIndexOf(',', maxChars);
    text = text.slice(0, cut > 0 ? cut : maxChars).trim();
    notes.push(`caption longer than ${maxChars} characters; cut to ${text.length}`);
  }
  if (text.length === 0) notes.push('caption is empty');
  return { text, notes };
}
