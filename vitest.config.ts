import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Engine tests run real numerics on 2 cores: generous per-test time, forks isolate wasm memory.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // The forks already keep every core busy; a wasm thread pool in each would only contend with
    // them (tests that need threads ask for them by count).
    env: { STYLEINJECT_THREADS: '1' },
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
