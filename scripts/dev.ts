import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronProblem } from './electron-package';

// `npm run dev`: the studio window under electron-vite, or one sentence on what to do instead.
const root = fileURLToPath(new URL('..', import.meta.url));
const problem = electronProblem(root);
if (problem) {
  console.error(`npm run dev: ${problem}`);
  process.exit(1);
}
// electron-vite's package exports do not include its bin: find it through its package.json.
const manifest = createRequire(import.meta.url).resolve('electron-vite/package.json');
const bin = (JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> }).bin['electron-vite'];
const electronVite = join(dirname(manifest), bin);
const child = spawn(process.execPath, [electronVite, 'dev', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
