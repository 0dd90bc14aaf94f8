import { Module } from './module';

/**
 * A torch.nn.Sequential/ModuleList whose parameter-free entries (Dropout) are not modelled:
 * only the indices that hold weights are registered, so names stay `to_out.0`, `ff.net.2`.
 */
export class IndexedModules extends Module {
  constructor(entries: [index: number, module: Module][]) {
    super();
    for (const [index, module] of entries) this.addModule(String(index), module);
  }
}
