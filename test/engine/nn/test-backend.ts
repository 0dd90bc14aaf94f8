import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

/**
 * The backend the nn/model tests run on: wasm, about 10x faster than the pure-JS cpu backend
 * on these models, and the engine's fallback when no GPU backend is available.
 */
export async function useTestBackend(): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
}
