import { readChunks } from './chunks';
import { decodeHeader, type PngHeader } from './header';
import { decodeTextChunk, isTextChunk, type PngTextEntry } from './text-chunks';

export interface PngMetadata {
  header: PngHeader;
  /** Every tEXt/zTXt/iTXt entry, in file order. */
  text: PngTextEntry[];
}

/** The size and text metadata of a PNG (CRCs verified); pixels are not decoded. */
export function readPngMetadata(png: Uint8Array): PngMetadata {
  const chunks = readChunks(png);
  if (chunks[0]?.type !== 'IHDR') throw new Error('PNG does not start with an IHDR chunk');
  return { header: decodeHeader(chunks[0].data), text: chunks.filter(isTextChunk).map(decodeTextChunk) };
}
