import * as tf from '@tensorflow/tfjs';
import { Module } from '../../nn/module';
import { causalMask } from './causal-mask';
import type { ClipTextConfig } from './config';
import { ClipEncoder } from './encoder';
import { LayerNorm } from '../../nn/layer-norm';
import { eosPositions, gatherTokens } from './pooling';
import { ClipTextEmbeddings } from './text-embeddings';

export interface ClipTextOutput {
  /** final_layer_norm(output of the last layer): (B, S, D). */
  lastHiddenState: tf.Tensor3D;
  /** lastHiddenState at each row's end-of-text token: (B, D). */
  pooled: tf.Tensor2D;
  /** When asked: [embeddings, layer 1 output, ..., layer L output], each (B, S, D), before final_layer_norm. */
  hiddenStates?: tf.Tensor3D[];
}

/** CLIPTextTransformer (the `text_model.` subtree): embeddings, encoder, final_layer_norm. */
export class ClipTextTransformer extends Module {
  readonly embeddings: ClipTextEmbeddings;
  readonly encoder: ClipEncoder;
  readonly finalLayerNorm: LayerNorm;

  constructor(readonly config: ClipTextConfig) {
    super();
    this.embeddings = this.addModule('embeddings', new ClipTextEmbeddings(config));
    this.encoder = this.addModule('encoder', new ClipEncoder(config));
    this.finalLayerNorm = this.addModule('final_layer_norm', new LayerNorm(config.hidden_size, config.layer_norm_eps));
  }

  forward(inputIds: tf.Tensor2D, outputHiddenStates = false): ClipTextOutput {
    return tf.tidy(() => {
      const states = this.runLayers(inputIds, this.config.num_hidden_layers);
      const last = states[states.length - 1];
      const lastHiddenState = this.finalLayerNorm.forward(last) as tf.Tensor3D;
      const pooled = gatherTokens(lastHiddenState, eosPositions(inputIds, this.config.eos_token_id));
      return outputHiddenStates ? { lastHiddenState, pooled, hiddenStates: states } : { lastHiddenState, pooled };
    });
  }

  /**
   * The prompt embedding a diffusers pipeline feeds the UNet: final_layer_norm(hidden_states[-(clipSkip+1)]).
   * clipSkip 0 is lastHiddenState; layers past the chosen one are not run at all.
   */
  encode(inputIds: tf.Tensor2D, clipSkip = 0): tf.Tensor3D {
    const layers = this.config.num_hidden_layers;
    if (!Number.isInteger(clipSkip) || clipSkip < 0 || clipSkip > layers) {
      throw new Error(`CLIP text encoder: clipSkip must be an integer in [0, ${layers}], got ${clipSkip}`);
    }
    return tf.tidy(() => {
      const states = this.runLayers(inputIds, layers - clipSkip);
      return this.finalLayerNorm.forward(states[states.length - 1]) as tf.Tensor3D;
    });
  }

  /** [embeddings, output of layer 1, ..., output of layer `count`]; call inside a tidy. */
  private runLayers(inputIds: tf.Tensor2D, count: number): tf.Tensor3D[] {
    const mask = causalMask(inputIds.shape[1]); // (S, S), broadcast over batch and heads
    const states = [this.embeddings.forward(inputIds)];
    for (const layer of this.encoder.layers.items.slice(0, count)) {
      states.push(layer.forward(states[states.length - 1], mask));
    }
    return states;
  }
}
