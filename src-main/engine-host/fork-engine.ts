import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineOptions } from '../engine';
import type { EngineChannel, EngineSpawner, FromEngine } from './protocol';

/** This folder's engine-process entry: the TypeScript file (run through tsx) or a built .js/.cjs beside it. */
const DEFAULT_ENTRY = fileURLToPath(new URL('./engine-process.ts', import.meta.url));

/**
 * Starts the engine process with child_process.fork: browser mode, the CLI's studio server and
 * tests (the Electron app uses utilityProcess instead). Messages use structured clone.
 */
export function forkEngine(options: EngineOptions = {}, entry = DEFAULT_ENTRY): EngineSpawner {
  return (): EngineChannel => {
    const child = fork(entry, [JSON.stringify(options)], {
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as FromEngine)),
      onExit: (listener) => child.on('exit', (code, signal) => listener({ code, signal })),
      kill: () => child.kill('SIGKILL'),
    };
  };
}
