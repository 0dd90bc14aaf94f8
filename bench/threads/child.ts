// One thread-count run of the threads bench (spawned by bench/sections/threads.ts): the wasm
// backend starts with the threads asked, measures the workloads, prints RESULT_PREFIX + JSON.
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src-main/engine/backend';
import { timeMedian } from '../measure';
import { blockWorkloads, kernelWorkloads } from './blocks';
import { THREADS_RESULT_PREFIX, type ThreadsResult, type ThreadsSpec } from './spec';

const spec = JSON.parse(process.argv[2] ?? '') as ThreadsSpec;
const report = await initBackend({ force: 'wasm', threads: spec.threads });
const result: ThreadsResult = { detail: report.detail, timings: [] };
const workloads = spec.set === 'kernels' ? kernelWorkloads() : await blockWorkloads();
for (const w of workloads) {
  const made = w.inputs();
  const timing = await timeMedian(async () => {
    const out = tf.tidy(() => w.run(made));
    await out.data();
    out.dispose();
  }, spec);
  tf.dispose(made);
  w.dispose?.();
  result.timings.push({ op: w.op, shape: w.shape, gflop: w.gflop, ...timing });
  console.error(`[threads ${spec.threads}] ${w.op} ${w.shape}: ${timing.medianMs.toFixed(0)} ms`);
}
process.stdout.write(`${THREADS_RESULT_PREFIX}${JSON.stringify(result)}\n`);
process.exit(0);
