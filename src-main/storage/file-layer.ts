import { copyFile, open, rename, rm } from 'node:fs/promises';

/**
 * The few file operations that write into the data directory. Everything that writes goes
 * through one of these, so a test can hand in a layer that fails like a full disk does.
 */
export interface FileLayer {
  /** Creates `path` (it must not exist) with `data`, flushed to disk. */
  writeNew(path: string, data: Uint8Array): Promise<void>;
  /** Copies `from` to the new file `to`, flushed to disk. */
  copyNew(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(path: string): Promise<void>;
}

export const nodeFileLayer: FileLayer = {
  async writeNew(path, data) {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async copyNew(from, to) {
    await copyFile(from, to, 1 /* COPYFILE_EXCL */);
    const handle = await open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
};
