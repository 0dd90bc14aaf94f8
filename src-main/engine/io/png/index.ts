export { encodePng, type PngEncodeOptions, type Rgb8Image } from './encode';
export { readPngMetadata, type PngMetadata } from './read-metadata';
export { readChunks, encodeChunk, PNG_SIGNATURE, type PngChunk } from './chunks';
export type { PngHeader } from './header';
export type { PngTextEntry } from './text-chunks';
export {
  formatInfotext,
  parseInfotext,
  infotextSetting,
  quoteInfotextValue,
  unquoteInfotextValue,
  INFOTEXT_KEYWORD,
  type A1111Infotext,
  type InfotextValue,
} from './a1111-infotext';
export { infotextSettings, networkHashesValue, parseNetworkHashes, parseSize, type GenerationSettings } from './a1111-settings';
export { encodePngWithInfotext, readInfotextFromPng } from './a1111-png';
export { rgb8FromVaeImages } from './vae-image';
