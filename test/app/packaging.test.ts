import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { NATIVE_PACKAGES } from '../../electron.vite.config';

const root = join(import.meta.dirname, '..', '..');
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
};

describe('the packaging configuration (electron-builder)', () => {
  it('unpacks every native package the bundles leave external, so it loads from outside the asar', () => {
    for (const name of NATIVE_PACKAGES) expect(config.asarUnpack, name).toContain(`node_modules/${name}/**`);
    // sharp's native parts ship as @img/* packages; wasm's binaries are read from disk.
    expect(config.asarUnpack).toContain('node_modules/@img/**');
    expect(config.asarUnpack.some((p) => p.includes('tfjs-backend-wasm') && p.endsWith('.wasm'))).toBe(true);
  });

  it('carries the built app and the icon, and builds AppImage, dmg and nsis with it', async () => {
    expect(config.files).toContain('out/**');
    expect(config.linux.target).toEqual(['AppImage']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
    for (const { icon } of [config.linux, config.mac, config.win]) {
      expect(existsSync(join(root, icon))).toBe(true);
      const meta = await sharp(join(root, icon)).metadata();
      // macOS and Windows icons are made from one square PNG of at least 512 px.
      expect(meta.width).toBeGreaterThanOrEqual(512);
      expect(meta.height).toBe(meta.width);
    }
    const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('./out/main/index.cjs');
  });
});
