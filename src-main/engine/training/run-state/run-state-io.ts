import { dirname } from 'node:path';
import { writeSafetensors, type TensorToWrite } from '../../io/safetensors';
import { syncFolder, writeFileAtomic } from '../../io/atomic-file';

/**
 * The two kinds of write a checkpoint save makes. Both must be atomic (all or nothing).
 * Tests pass their own to simulate a full disk or a process killed between writes.
 */
export interface RunStateWriter {
  writeTensors(path: string, tensors: Map<string, TensorToWrite>, metadata: Record<string, string>): Promise<void>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
}

export const fileSystemWriter: RunStateWriter = {
  async writeTensors(path, tensors, metadata) {
    await writeSafetensors(path, tensors, { metadata });
    await syncFolder(dirname(path));
  },
  writeFile: writeFileAtomic,
};
