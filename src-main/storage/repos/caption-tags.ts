/**
 * A caption's tags: its comma-separated parts, trimmed, inner whitespace collapsed, empty
 * parts dropped, each once. Kohya-style tag captions ("sks dog, watercolor, red scarf") are
 * what this counts; a sentence caption is one long tag, which is what it is.
 */
export function captionTags(caption: string): string[] {
  const tags = caption.split(',').map((part) => part.trim().replace(/\s+/g, ' '));
  return [...new Set(tags.filter((tag) => tag !== ''))];
}
