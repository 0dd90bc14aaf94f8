import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

// Native and platform-specific packages stay external: they are loaded from node_modules at run time.
const external = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', 'webgpu', 'better-sqlite3', 'sharp'];

// A sandboxed preload must be CommonJS; the main process uses the same format for __dirname.
const commonJs = { format: 'cjs' as const, entryFileNames: '[name].cjs' };

export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src-main/app/main.ts') }, external, output: commonJs },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve('src-main/preload/index.ts') }, output: commonJs },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
