import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// npm drops the optional `electron` package where its binary cannot be downloaded, and electron-vite then
// cannot read Electron's version from it; the version package-lock.json pins stands in.
if (!process.env.ELECTRON_MAJOR_VER && !existsSync(resolve('node_modules/electron/package.json'))) {
  const lock = JSON.parse(readFileSync(resolve('package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  const version = lock.packages['node_modules/electron']?.version;
  if (version) process.env.ELECTRON_MAJOR_VER = version.split('.')[0];
}

// Native and platform-specific packages stay external: loaded from node_modules (unpacked from the asar, see
// electron-builder.json) at run time.
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node', 'webgpu', 'better-sqlite3', 'sharp'];
const external = NATIVE_PACKAGES;

// A sandboxed preload must be CommonJS; the main process and the engine process use the same format for __dirname.
const commonJs = { format: 'cjs' as const, entryFileNames: '[name].cjs' };

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // The engine process is its own entry: Electron's utilityProcess starts it beside the main process.
        input: { index: resolve('src-main/app/main.ts'), 'engine-process': resolve('src-main/engine-host/engine-process.ts') },
        external,
        output: commonJs,
      },
    },
  },
  preload: {
    build: {
      rollupOptions: { input: { index: resolve('src-main/preload/index.ts') }, output: commonJs },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
