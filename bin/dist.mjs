#!/usr/bin/env node
// `npm run dist`: the installable app for this platform (AppImage, dmg or nsis). electron-builder
// rebuilds native modules for Electron inside node_modules, which leaves them unusable for
// Node (the CLI, the tests, browser mode): so they are rebuilt for Node afterwards, whatever happened.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, electronVite, root } from './electron-binary.mjs';

const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (!electronBinary()) {
  console.error('npm run dist packages the Electron app, and Electron is not installed here (npm could not download it). Run it where electron installs.');
  process.exit(1);
}
let status = run(process.execPath, [electronVite, 'build']);
if (status === 0) status = run(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), '--config', 'electron-builder.json', ...process.argv.slice(2)]);
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('could not rebuild better-sqlite3 for Node: run `npm rebuild better-sqlite3` before using the CLI or the tests');
process.exit(status);
