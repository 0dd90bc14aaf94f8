import type { InlineImage } from '../../../../src-main/contract';

/** A preview event's small PNG as an <img> src. */
export const previewSrc = (image: InlineImage) => `data:image/png;base64,${image.pngBase64}`;
