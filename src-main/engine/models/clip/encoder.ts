import { Module, ModuleList } from '../../nn/module';
import type { ClipTextConfig } from './config';
import { ClipEncoderLayer } from './encoder-layer';

/** CLIPEncoder: only the stack `layers.N`; the forward loop lives in the text transformer. */
export class ClipEncoder extends Module {
  readonly layers: ModuleList<ClipEncoderLayer>;

  constructor(config: ClipTextConfig) {
    super();
    const layers = Array.from({ length: config.num_hidden_layers }, () => new ClipEncoderLayer(config));
    this.layers = this.addModule('layers', new ModuleList(layers));
  }
}
