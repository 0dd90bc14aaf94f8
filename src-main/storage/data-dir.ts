import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER_NAME = 'StyleInject Studio';

export interface DataDirOptions {
  /** The CLI's --data-dir (or the UI's choice); relative paths resolve against the working directory. */
  explicit?: string;
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/**
 * Where the studio keeps its database and project folders: an explicit path if given, else
 * the platform's usual place for application data (Linux follows the XDG base directory spec).
 */
export function resolveDataDir(options: DataDirOptions = {}): string {
  if (options.explicit !== undefined && options.explicit.trim() !== '') return resolve(options.explicit);
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), APP_FOLDER_NAME);
}
