import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backend';
import { relativeError, seededValues } from './conv-reference';

const THREADS = 2;
const report = await initBackend({ force: 'wasm', threads: THREADS });

/** CPU ticks each thread of this process has used so far (Linux), by thread id. */
function threadTicks(): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks.set(tid, Number(fields[11]) + Number(fields[12])); // utime + stime
  }
  return ticks;
}

async function convAndMatMul(): Promise<{ conv: Float32Array; product: Float32Array }> {
  const x = tf.tensor4d(seededValues(2 * 9 * 9 * 16, 1), [2, 9, 9, 16]);
  const w = tf.tensor4d(seededValues(3 * 3 * 16 * 24, 2), [3, 3, 16, 24]);
  const a = tf.tensor2d(seededValues(70 * 90, 3), [70, 90]);
  const b = tf.tensor2d(seededValues(90 * 50, 4), [90, 50]);
  const conv = tf.conv2d(x, w, 1, 'same');
  const product = tf.matMul(a, b);
  const values = { conv: (await conv.data()) as Float32Array, product: (await product.data()) as Float32Array };
  tf.dispose([x, w, a, b, conv, product]);
  return values;
}

describe('the wasm backend on every core (the threaded build under Node)', () => {
  it('starts with the threads asked and says so', () => {
    expect(report.backend).toBe('wasm');
    expect(report.detail).toBe(`simd, ${THREADS} threads`);
    expect(getThreadsCount()).toBe(THREADS);
  });

  it('computes what the cpu backend computes', async () => {
    const actual = await convAndMatMul();
    await tf.setBackend('cpu');
    const expected = await convAndMatMul();
    await tf.setBackend('wasm');
    expect(relativeError(actual.conv, expected.conv)).toBeLessThan(1e-5);
    expect(relativeError(actual.product, expected.product)).toBeLessThan(1e-5);
  });

  it.skipIf(process.platform !== 'linux')('shares a matmul between two threads of this process', () => {
    const a = tf.randomUniform([1024, 1024], -1, 1, 'float32', 5);
    const before = threadTicks();
    const started = performance.now();
    while (performance.now() - started < 2000) tf.matMul(a, a).dispose();
    a.dispose();
    const after = threadTicks();
    const used = [...after].map(([tid, t]) => t - (before.get(tid) ?? 0)).sort((x, y) => y - x);
    // The calling thread and one pool worker each do about half the work (CPU time, whatever the load).
    expect(used[1]).toBeGreaterThan(0.25 * used[0]);
  });

  it('lets a process that used it exit on its own (the pool worker does not hold it open)', () => {
    const script = `import('./src-main/engine/backend/index.ts').then(async ({ initBackend }) => {
      console.log((await initBackend({ force: 'wasm', threads: ${THREADS} })).detail);
    });`;
    const child = spawnSync('npx', ['tsx', '--eval', script], { encoding: 'utf8', timeout: 120_000 });
    expect(child.error).toBeUndefined();
    expect(child.status).toBe(0);
    expect(child.stdout.trim()).toBe(`simd, ${THREADS} threads`);
  });
});
