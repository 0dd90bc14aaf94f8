/** The shapes of one adapted layer's tensors, PyTorch layout (see format.ts). */
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
 * Checks that a layer's tensors fit together for `k` parallel down matrices (spec section 2):
 * down (K*r, d_in[, kh, kw]), up (d_out, r[, 1, 1]), router (K, 2*d_in), gamma (d_out).
 * Returns the geometry, or throws an Error whose message says which shape is wrong.
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
