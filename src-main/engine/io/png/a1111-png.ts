import { formatInfotext, INFOTEXT_KEYWORD, parseInfotext, type A1111Infotext, type InfotextValue } from './a1111-infotext';
import { encodePng, type Rgb8Image } from './encode';
import { readPngMetadata } from './read-metadata';

/** A PNG carrying an A1111 `parameters` chunk, readable by A1111's "PNG Info" and civitai. */
export function encodePngWithInfotext(
  image: Rgb8Image,
  info: { prompt: string; negativePrompt?: string; settings: readonly (readonly [string, InfotextValue | null | undefined])[] },
): Uint8Array {
  return encodePng(image, { text: [{ keyword: INFOTEXT_KEYWORD, text: formatInfotext(info) }] });
}

/** The A1111 generation parameters of a PNG, or undefined when it has none. */
export function readInfotextFromPng(png: Uint8Array): A1111Infotext | undefined {
  const entry = readPngMetadata(png).text.find((t) => t.keyword === INFOTEXT_KEYWORD);
  return entry ? parseInfotext(entry.text) : undefined;
}
