import * as tf from '@tensorflow/tfjs';
import { AdaptableLayer } from './adaptable';
import { byOutputGroups } from './output-groups';
import { Parameter, type Layout } from './parameter';

// PyTorch stores a Linear weight as [out, in]; the engine keeps [in, out] so the forward is a
// plain matMul (transposed operands are much slower on the wasm backend).
const transposed: Layout = { toEngine: (t) => t.transpose(), toTorch: (t) => t.transpose() };

/** torch.nn.Linear over the last axis of any-rank input. */
export class Linear extends AdaptableLayer {
  readonly kind = 'linear';
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    bias = true,
  ) {
    super();
    this.weight = this.addParameter('weight', new Parameter([outChannels, inChannels], transposed));
    this.bias = bias ? this.addParameter('bias', new Parameter([outChannels])) : null;
  }

  baseForward(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const lead = x.shape.slice(0, -1);
      const x2 = x.reshape([-1, this.inChannels]); // (rows, in)
      const y = byOutputGroups(this.weight, this.bias, (w, b) => {
        const product = tf.matMul(x2 as tf.Tensor2D, w as tf.Tensor2D); // (rows, group)
        return b ? product.add(b) : product;
      }); // (rows, out)
      return y.reshape([...lead, this.outChannels]); // (..., out)
    });
  }
}
