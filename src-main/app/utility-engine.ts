import { utilityProcess } from 'electron';
import type { EngineOptions } from '../engine';
import type { EngineChannel, EngineSpawner, FromEngine } from '../engine-host/protocol';

/**
 * Starts the engine process as an Electron utility process (the app's equivalent of
 * child_process.fork): TensorFlow.js never runs in the main process, and a crash there
 * (out of memory, a native fault) ends only the engine's jobs.
 */
export function utilityEngine(entry: string, options: EngineOptions = {}): EngineSpawner {
  return (): EngineChannel => {
    const child = utilityProcess.fork(entry, [JSON.stringify(options)], { serviceName: 'StyleInject Studio engine', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message) => listener(message as FromEngine)),
      // A utility process reports an exit code only; a kill shows as a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener({ code, signal: null })),
      kill: () => child.kill(),
    };
  };
}
