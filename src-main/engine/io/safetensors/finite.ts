import { SafetensorsError } from './errors';

/**
 * Refuses weights holding NaN or infinite values, naming the file and tensor: such a model or
 * adapter (damaged, or saved by a training run that diverged) would otherwise turn every image
 * black without a word. One pass over the values; the count is taken only on failure.
 */
export function assertFinite(values: Float32Array, file: string, tensor: string): void {
  for (let i = 0; i < values.length; i++) {
    // v - v is 0 for every finite v, and NaN for NaN and both infinities.
    if (values[i] - values[i] !== 0) {
      let bad = 0;
      for (let j = i; j < values.length; j++) if (values[j] - values[j] !== 0) bad += 1;
      throw new SafetensorsError(
        file,
        tensor,
        `holds ${bad} NaN or infinite value${bad === 1 ? '' : 's'} of ${values.length} (the first, ${values[i]}, at index ${i}): ` +
          'the file is damaged or was saved by a training run that diverged, and would generate black images; use another file',
      );
    }
  }
}
