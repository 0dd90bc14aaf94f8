import type { BenchSection } from '../section';
import { namedWithOnly } from '../sd15/opt-in';
import { compareThreads } from '../threads/compare';

export const section: BenchSection = {
  name: 'sd15-threads',
  description: "wasm on 1 thread vs every core on SD 1.5's blocks: UNet resnet and transformer at b2 64x64, VAE resnet at 512x512 (minutes)",
  run: async (ctx) => (namedWithOnly('sd15-threads') ? compareThreads('sd15-threads', 'blocks', ctx) : []),
};
