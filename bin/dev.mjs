#!/usr/bin/env node
// `npm run dev`: the Electron app with hot reload of the pages. Where Electron's binary is not
// installed, say what to do instead (no stack trace).
import { spawn } from 'node:child_process';
import { electronBinary, electronVite, root } from './electron-binary.mjs';

if (!electronBinary()) {
  console.error(
    [
      'npm run dev needs the Electron app, and Electron is not installed here (npm could not download its binary).',
      'Instead:',
      '  npm start          the same studio in your browser on 127.0.0.1 (it rebuilds the pages when sources change)',
      '  npm install        again where electron can be downloaded, to get the desktop app and hot reload',
    ].join('\n'),
  );
  process.exit(1);
}
const child = spawn(process.execPath, [electronVite, 'dev', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
