import { Conv2d } from '../nn/conv2d';
import type { AdaptableLayer } from '../nn/adaptable';
import type { AdapterLayerState, AdapterMethod } from './adapter';

/** The shapes of one adapted layer's tensors, PyTorch layout (see files/format.ts). */
export interface LayerShapes {
  down: readonly number[];
  up: readonly number[];
  router?: readonly number[];
  gamma?: readonly number[];
}

/** What the shapes say about the layer: its kind, widths, rank and kernel. */
export interface LayerGeometry {
  kind: 'linear' | 'conv2d';
  dIn: number;
  dOut: number;
  rank: number;
  /** [kh, kw] of the down conv; [1, 1] for Linear. */
  kernel: [number, number];
}

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * The one shape check of an adapted layer (files, imports and attaching all use it): the
 * tensors fit together for `k` parallel down matrices (spec section 2): down (K*r, d_in[, kh, kw]),
 * up (d_out, r[, 1, 1]), router (K, 2*d_in), gamma (d_out). Returns the geometry, or throws an
 * Error whose message says which shape is wrong.
 */
export function layerGeometry(shapes: LayerShapes, k: number): LayerGeometry {
  const { down, up, router, gamma } = shapes;
  if (down.length !== 2 && down.length !== 4) throw new Error(`down ${fmt(down)} must be 2-D (Linear) or 4-D (Conv2d)`);
  const kind = down.length === 2 ? 'linear' : 'conv2d';
  const upOk = up.length === down.length && (kind === 'linear' || (up[2] === 1 && up[3] === 1));
  if (!upOk) throw new Error(`up ${fmt(up)} does not match down ${fmt(down)} (expected (d_out, r${kind === 'linear' ? '' : ', 1, 1'}))`);
  const [dOut, rank] = up;
  const dIn = down[1];
  if (rank < 1 || down[0] !== k * rank) throw new Error(`down ${fmt(down)} should have K*r = ${k}*${rank} = ${k * rank} rows (up ${fmt(up)})`);
  if (router && (router.length !== 2 || router[0] !== k || router[1] !== 2 * dIn)) {
    throw new Error(`router ${fmt(router)} should be (K, 2*d_in) = [${k}, ${2 * dIn}]`);
  }
  if (gamma && (gamma.length !== 1 || gamma[0] !== dOut)) throw new Error(`gamma ${fmt(gamma)} should be (d_out) = [${dOut}]`);
  const kernel: [number, number] = kind === 'linear' ? [1, 1] : [down[2], down[3]];
  return { kind, dIn, dOut, rank, kernel };
}

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
 * Everything wrong with using `state` on `base` (empty when it fits): the tensors' own
 * geometry (layerGeometry), then the base's kind, d_in, d_out and kernel, and the method.
 */
export function layerStateProblems(state: AdapterLayerState, base: AdaptableLayer, method: AdapterMethod): string[] {
  if (state.kind !== base.kind) return [`a ${state.kind} adapter on a ${base.kind} layer`];
  const { branches } = layerRankAndBranches(state);
  if (!state.router && branches > 1) return [`${branches} down branches but no router`];
  let geometry: LayerGeometry;
  try {
    geometry = layerGeometry({ down: state.down.shape, up: state.up.shape, router: state.router?.shape, gamma: state.gamma?.shape }, Number.isInteger(branches) ? branches : 1);
  } catch (error) {
    return [(error as Error).message];
  }
  const problems: string[] = [];
  const kernel = base instanceof Conv2d ? base.kernelSize : 1;
  if (geometry.kind !== base.kind) problems.push(`down ${fmt(state.down.shape)} has the wrong rank for a ${base.kind}`);
  if (geometry.dIn !== base.inChannels) problems.push(`down ${fmt(state.down.shape)} does not take the layer's ${base.inChannels} inputs`);
  if (geometry.dOut !== base.outChannels) problems.push(`up ${fmt(state.up.shape)} does not give the layer's ${base.outChannels} outputs`);
  if (geometry.kernel.some((s) => s !== kernel)) problems.push(`down ${fmt(state.down.shape)} is not a ${kernel}x${kernel} kernel like the base layer`);
  if (method === 'lora' && !isPlainLoraLayer(state)) problems.push('a LoRA layer carries StyleInject tensors (router, w_gamma or K > 1)');
  if (!(state.alpha > 0) || !Number.isFinite(state.alpha)) problems.push(`alpha ${state.alpha} is not a positive number`);
  return problems;
}
