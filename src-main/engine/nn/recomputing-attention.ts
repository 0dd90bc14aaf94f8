import * as tf from '@tensorflow/tfjs';
import { perHeadAttention } from './per-head-attention';

/**
 * perHeadAttention as ONE differentiable op whose backward recomputes each (head, query chunk)'s
 * probabilities instead of keeping them. Under autodiff the engine's tape keeps every head's
 * (Tq, Tk) probabilities, and the backward pass keeps their gradients too, until it ends: at SD
 * 1.5's 4096-token self-attention that is 64 MiB per head and array, several GB per UNet
 * block, more than wasm's 4 GiB heap. Here only the operands are saved, and the backward works
 * through one (head, chunk) at a time inside its own tidy.
 *
 * Operands and result as perHeadAttention: qh (G, Tq, d) pre-scaled, kht (G, d, Tk),
 * vh (G, Tk, d); returns (G, Tq, d).
 */
export function recomputingAttention(qh: tf.Tensor3D, kht: tf.Tensor3D, vh: tf.Tensor3D, maxScores: number): tf.Tensor3D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [q, kt, v] = args as tf.Tensor3D[];
    const save = args[3] as tf.GradSaveFunc;
    save([q, kt, v]);
    return {
      value: perHeadAttention(q, kt, v, maxScores),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => attentionGradients(saved as tf.Tensor3D[], dy as tf.Tensor3D, maxScores),
    };
  });
  return op(qh, kht, vh) as tf.Tensor3D;
}

/** Gradients of (qh, kht, vh) given dy, the gradient of the output: (G, Tq, d) each of q and v, (G, d, Tk) for kt. */
function attentionGradients([qh, kht, vh]: tf.Tensor3D[], dy: tf.Tensor3D, maxScores: number): tf.Tensor3D[] {
  return tf.tidy(() => {
    const [groups, queryLen, headDim] = qh.shape;
    const keyLen = kht.shape[2];
    const chunk = Math.max(1, Math.floor(maxScores / keyLen));
    const dq: tf.Tensor2D[] = [];
    const dkt: tf.Tensor2D[] = [];
    const dv: tf.Tensor2D[] = [];
    for (let g = 0; g < groups; g++) {
      // A tidy per head frees its operands and products before the next head starts.
      const [dqg, dktg, dvg] = tf.tidy(() => {
        const q = qh.slice([g, 0, 0], [1, queryLen, headDim]).reshape([queryLen, headDim]) as tf.Tensor2D; // (Tq, d)
        const kt = kht.slice([g, 0, 0], [1, headDim, keyLen]).reshape([headDim, keyLen]) as tf.Tensor2D; // (d, Tk)
        const v = vh.slice([g, 0, 0], [1, keyLen, headDim]).reshape([keyLen, headDim]) as tf.Tensor2D; // (Tk, d)
        const dout = dy.slice([g, 0, 0], [1, queryLen, headDim]).reshape([queryLen, headDim]) as tf.Tensor2D; // (Tq, d)
        // Transposed once per head: matMul's transpose flags are slow on wasm.
        const k = kt.transpose() as tf.Tensor2D; // (Tk, d)
        const vt = v.transpose() as tf.Tensor2D; // (d, Tk)
        const dqParts: tf.Tensor2D[] = [];
        let dktSum: tf.Tensor2D | null = null;
        let dvSum: tf.Tensor2D | null = null;
        for (let start = 0; start < queryLen; start += chunk) {
          const rows = Math.min(chunk, queryLen - start);
          const qRows = q.slice([start, 0], [rows, headDim]) as tf.Tensor2D; // (rows, d)
          const doutRows = dout.slice([start, 0], [rows, headDim]) as tf.Tensor2D; // (rows, d)
          const part = chunkGradients(qRows, doutRows, kt, k, vt);
          dqParts.push(part.dq);
          dktSum = accumulate(dktSum, part.dkt);
          dvSum = accumulate(dvSum, part.dv);
        }
        return [dqParts.length === 1 ? dqParts[0] : tf.concat(dqParts, 0), dktSum!, dvSum!]; // (Tq, d), (d, Tk), (Tk, d)
      });
      dq.push(dqg);
      dkt.push(dktg);
      dv.push(dvg);
    }
    return [tf.stack(dq), tf.stack(dkt), tf.stack(dv)] as tf.Tensor3D[]; // (G, Tq, d), (G, d, Tk), (G, Tk, d)
  });
}

/**
 * One query chunk of one head: recomputes p = softmax(q kt), then differentiates out = p v.
 * q, dout (rows, d); kt, vt (d, Tk); k (Tk, d). The softmax gradient is written as tfjs's
 * own (dp*p - sum(dp*p)*p) so results match the autodiff path to rounding.
 */
function chunkGradients(q: tf.Tensor2D, dout: tf.Tensor2D, kt: tf.Tensor2D, k: tf.Tensor2D, vt: tf.Tensor2D): Record<'dq' | 'dkt' | 'dv', tf.Tensor2D> {
  return tf.tidy(() => {
    const p = tf.softmax(tf.matMul(q, kt)); // (rows, Tk)
    const dpTimesP = tf.mul(tf.matMul(dout, vt), p); // (rows, Tk)
    const ds = tf.sub(dpTimesP, tf.mul(tf.sum(dpTimesP, -1, true), p)) as tf.Tensor2D; // (rows, Tk): gradient of the scores
    return {
      dq: tf.matMul(ds, k) as tf.Tensor2D, // (rows, d)
      dkt: tf.matMul(q.transpose() as tf.Tensor2D, ds) as tf.Tensor2D, // (d, Tk)
      dv: tf.matMul(p.transpose() as tf.Tensor2D, dout) as tf.Tensor2D, // (Tk, d)
    };
  });
}

/** sum + part, freeing both inputs (they are per-chunk temporaries). */
function accumulate(sum: tf.Tensor2D | null, part: tf.Tensor2D): tf.Tensor2D {
  if (sum === null) return part;
  const next = tf.add(sum, part) as tf.Tensor2D;
  tf.dispose([sum, part]);
  return next;
}
