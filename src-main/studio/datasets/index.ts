/** Dataset curation: import, flags, captions, export, and the form training takes. No engine code. */
export { importImages, type ImportImagesOptions, type ImportProgress, type ImportReport } from './import-images';
export { scanSources, type ImageCandidate, type ScanResult, type SkippedFile } from './scan-sources';
export { decodeImage, ImageSkip, DEFAULT_DECODE_LIMITS, type DecodeLimits, type DecodedImage } from './decode-image';
export { differenceHash, hammingDistance } from './perceptual-hash';
export { datasetFlags, flagCounts, type ItemFlags } from './dataset-flags';
export { applyCaptionEdit, captionEditSchema, type CaptionEditAction } from './caption-edits';
export { editCaptions, type BulkCaptionEdit } from './bulk-captions';
export { exportKohyaFolder, type KohyaExport } from './export-kohya';
export { datasetForTraining, type TrainingDataset } from './training-items';
export { datasetFiles, itemThumbnail, type DatasetFiles } from './dataset-files';
export { itemImagePath } from './image-path';
export { removeItems, deleteDataset } from './remove-items';
export { parseKohyaFolder, kohyaFolderName } from './kohya-folder';
