/** What the studio imports and training decodes: the formats sharp reads and every trainer accepts. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/** sharp's names for the same formats, checked against the bytes, not the file name. */
export const IMAGE_FORMATS: ReadonlySet<string> = new Set(['png', 'jpeg', 'webp']);

/** Caption files beside an image, in the order they are preferred. */
export const CAPTION_EXTENSIONS: readonly string[] = ['.txt', '.caption'];
