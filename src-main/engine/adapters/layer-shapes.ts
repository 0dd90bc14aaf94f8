import { sameShape } from '../nn/parameter';
import { Conv2d } from '../nn/conv2d';
import type { AdaptableLayer } from '../nn/adaptable';
import type { AdapterLayerState, AdapterMethod } from './adapter';

/** r and K of a layer, read from its tensors: up is (d_out, r[, 1, 1]), down stacks K*r rows. */
export function layerRankAndBranches(state: AdapterLayerState): { rank: number; branches: number } {
  const [, rank] = state.up.shape as number[];
  return { rank, branches: (state.down.shape as number[])[0] / rank };
}

/** A layer with LoRA's tensors only: one down branch, no router, no w_gamma. */
export function isPlainLoraLayer(state: AdapterLayerState): boolean {
  return !state.router && !state.gamma && layerRankAndBranches(state).branches === 1;
}

/**
 * Everything wrong with using `state` on `base` (empty when it fits): kinds, ranks, the
 * base's d_in / d_out / kernel, router (K, 2*d_in) and w_gamma (d_out).
 */
export function layerStateProblems(state: AdapterLayerState, base: AdaptableLayer, method: AdapterMethod): string[] {
  const problems: string[] = [];
  const shape = (t: { shape: number[] }) => `[${t.shape.join(', ')}]`;
  if (state.kind !== base.kind) return [`a ${state.kind} adapter on a ${base.kind} layer`];
  const conv = base instanceof Conv2d;
  const spatial = conv ? 2 : 0;
  if (state.down.rank !== 2 + spatial || state.up.rank !== 2 + spatial) {
    return [`down ${shape(state.down)} / up ${shape(state.up)} have the wrong rank for a ${base.kind}`];
  }
  const { rank, branches } = layerRankAndBranches(state);
  if (!Number.isInteger(branches) || branches < 1) problems.push(`down has ${state.down.shape[0]} rows, not a multiple of the rank ${rank}`);
  if (state.down.shape[1] !== base.inChannels) problems.push(`down ${shape(state.down)} does not take the layer's ${base.inChannels} inputs`);
  if (state.up.shape[0] !== base.outChannels) problems.push(`up ${shape(state.up)} does not give the layer's ${base.outChannels} outputs`);
  if (conv) {
    const k = base.kernelSize;
    if (!sameShape(state.down.shape.slice(2), [k, k])) problems.push(`down ${shape(state.down)} is not a ${k}x${k} kernel like the base conv`);
    if (!sameShape(state.up.shape.slice(2), [1, 1])) problems.push(`up ${shape(state.up)} is not a 1x1 conv`);
  }
  if (state.router && !sameShape(state.router.shape, [branches, 2 * base.inChannels])) {
    problems.push(`router ${shape(state.router)} is not (K=${branches}, 2*d_in=${2 * base.inChannels})`);
  }
  if (!state.router && branches > 1) problems.push(`${branches} down branches but no router`);
  if (state.gamma && !sameShape(state.gamma.shape, [base.outChannels])) problems.push(`w_gamma ${shape(state.gamma)} is not (${base.outChannels})`);
  if (method === 'lora' && (state.router || state.gamma || branches !== 1)) problems.push('a LoRA layer carries StyleInject tensors (router, w_gamma or K > 1)');
  if (!(state.alpha > 0) || !Number.isFinite(state.alpha)) problems.push(`alpha ${state.alpha} is not a positive number`);
  return problems;
}
