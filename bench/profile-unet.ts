// `npx tsx bench/profile-unet.ts [--batch 1] [--size 64] [--top 25]`: one SD 1.5 UNet forward
// (random weights, real shapes) under tf.profile on wasm: where the time goes, per kernel.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src-main/engine/backend';
import { flopByCategory, formatProfile, linearWeightShapes, profileKernels } from './sd15/kernel-profile';
import { sd15Unet, unetInputs } from './sd15/models';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '1' },
    size: { type: 'string', default: '64' },
    top: { type: 'string', default: '25' },
    backend: { type: 'string', default: 'wasm' },
  },
});
await initBackend({ force: values.backend as 'wasm' });
const unet = await sd15Unet();
console.log(`${tf.getBackend()}; ${unet.line}`);
const batch = Number(values.batch);
const size = Number(values.size);
const { sample, context } = unetInputs(batch);
const input = size === 64 ? sample : tf.image.resizeBilinear(sample, [size, size]);
const profile = await profileKernels(() => unet.model.forward(input, 981, context), linearWeightShapes(unet.model));
profile.result?.dispose();
console.log(`UNet forward, batch ${batch}, ${size}x${size} latents, 77x768 context`);
console.log(formatProfile(profile, Number(values.top)));
const flop = flopByCategory(profile.totals);
console.log(
  `GFLOP counted from kernel shapes: conv ${flop.conv.toFixed(1)}, linear ${flop.linear.toFixed(1)}, attention ${flop.attention.toFixed(1)}, ` +
    `total ${(flop.conv + flop.linear + flop.attention).toFixed(1)}`,
);
