export { bucketKey, bucketResolutions, chooseBucket, type BucketOptions, type Size } from './aspect-buckets';
export { centreCoverCrop, type CropBox } from './cover-crop';
export { captionFromBytes, cleanCaption, DEFAULT_MAX_CAPTION_CHARS, type CleanCaption } from './caption-text';
export { augmentCaption, shuffled, splitTags, type CaptionAugmentOptions } from './caption-augment';
export { decodeCropped, probeImage, type Rgb8Image } from './decode-image';
export { IMAGE_EXTENSIONS, listDatasetFolder, type FolderListing, type ImageFile } from './image-files';
export {
  loadDataset,
  loadItemPixels,
  sha256Hex,
  type Dataset,
  type DatasetItem,
  type DatasetOptions,
  type DatasetSource,
  type SkippedImage,
} from './dataset';
export { planEpoch, type PlannedItem } from './epoch-plan';
export { BatchStream, type BatchStreamOptions, type BatchStreamState, type TrainingBatch, type TrainingSample } from './batch-stream';
export { imagesToVaeInput } from './pixels-to-tensor';
export { countingEncoder, vaeLatentEncoder, vaeWeightsId, type LatentEncoder } from './latent-encoder';
export { describeLatentKey, latentKey, type LatentKeyParts } from './latent-cache-key';
export { LatentCache, type CachedLatents, type LatentCacheOptions } from './latent-cache';
export { sampleTrainingLatents } from './latent-sample';
export { lowResolutionWarning, MAX_TRAINING_UPSCALE, upscaledItems } from './low-resolution';
