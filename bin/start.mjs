#!/usr/bin/env node
// `npm start`: the studio. Electron's window where its binary is installed; where it is not (npm
// could not download it), the same studio served to a browser on 127.0.0.1, with its address printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, electronVite, root } from './electron-binary.mjs';

const args = process.argv.slice(2);

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// Build the app when a source is newer than the last build (the first start builds it).
const built = join(root, 'out', 'renderer', 'index.html');
if (!existsSync(built) || newest(join(root, 'src-renderer')) > statSync(built).mtimeMs || newest(join(root, 'src-main')) > statSync(built).mtimeMs) {
  console.log('building the studio (first start, or sources changed)...');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = electronBinary();
const child = electron
  ? spawn(electron, [root, ...args], { cwd: root, stdio: 'inherit' })
  : spawn(process.execPath, ['--import', 'tsx', join(root, 'src-main', 'host', 'browser-mode.ts'), ...args], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
