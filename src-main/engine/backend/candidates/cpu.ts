import * as tf from '@tensorflow/tfjs';
import type { Candidate } from '../candidate';

/** tfjs's pure-JavaScript backend: always there, ~1 GFLOP/s, the numerical reference. */
export const cpuCandidate: Candidate = {
  name: 'cpu',
  async prepare() {
    return {
      async start() {
        if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to start');
        return 'pure JavaScript reference';
      },
    };
  },
};
