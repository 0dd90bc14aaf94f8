/**
 * Two conventions name the same setting. A1111 writes "Clip skip: N" with N >= 1 meaning
 * hidden_states[-N] (1 = the normal last layer); diffusers' `clip_skip` counts skipped layers,
 * hidden_states[-(clip_skip+1)]. Both then apply final_layer_norm.
 */
export function diffusersClipSkipFromA1111(a1111ClipSkip: number): number {
  if (!Number.isInteger(a1111ClipSkip) || a1111ClipSkip < 1) {
    throw new Error(`A1111 clip skip must be an integer >= 1, got ${a1111ClipSkip}`);
  }
  return a1111ClipSkip - 1;
}

export function a1111ClipSkipFromDiffusers(diffusersClipSkip: number): number {
  if (!Number.isInteger(diffusersClipSkip) || diffusersClipSkip < 0) {
    throw new Error(`diffusers clip_skip must be an integer >= 0, got ${diffusersClipSkip}`);
  }
  return diffusersClipSkip + 1;
}
