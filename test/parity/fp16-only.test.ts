import { afterAll } from 'vitest';
import { fp16OnlySet } from './fp16-only-set';
import { goldenDir } from './golden';
import { paritySuite } from './suite';

// The same suite on a set whose only weights are the fp16 single file: the `_w16` outputs,
// loading and config inference run; what needs float32 weights is skipped by name.
const set = await fp16OnlySet(goldenDir());
afterAll(() => set.cleanup());
paritySuite(set.root);
