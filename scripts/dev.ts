import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronProblem } from './electron-package';

// `npm run dev`: the studio window under electron-vite, or one sentence on what to do instead.
const root = fileURLToPath(new URL('..', import.meta.url));
const problem = electronProblem(root);
if (problem) {
  console.error(`npm run dev: ${problem}`);
  process.exit(1);
}
const electronVite = createRequire(import.meta.url).resolve('electron-vite/bin/electron-vite.js');
const child = spawn(process.execPath, [electronVite, 'dev', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
