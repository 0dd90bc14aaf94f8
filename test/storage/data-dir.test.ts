import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromStoredPath, resolveDataDir, toStoredPath } from '../../src-main/storage';

describe('data directory', () => {
  const home = '/home/ada';
  it('an explicit --data-dir wins, resolved against the working directory', () => {
    expect(resolveDataDir({ explicit: 'studio-data', platform: 'linux', home })).toBe(resolve('studio-data'));
  });

  it("follows each platform's usual place for app data", () => {
    expect(resolveDataDir({ platform: 'linux', env: {}, home })).toBe('/home/ada/.local/share/StyleInject Studio');
    expect(resolveDataDir({ platform: 'linux', env: { XDG_DATA_HOME: '/data/xdg' }, home })).toBe('/data/xdg/StyleInject Studio');
    expect(resolveDataDir({ platform: 'linux', env: { XDG_DATA_HOME: 'relative/ignored' }, home })).toBe('/home/ada/.local/share/StyleInject Studio');
    expect(resolveDataDir({ platform: 'darwin', env: {}, home })).toBe('/home/ada/Library/Application Support/StyleInject Studio');
    expect(resolveDataDir({ platform: 'win32', env: { APPDATA: '/users/ada/AppData/Roaming' }, home })).toBe(join('/users/ada/AppData/Roaming', 'StyleInject Studio'));
  });

  it('stores paths inside the data directory relative to it with / separators, others absolute', () => {
    const dataDir = '/data/studio';
    expect(toStoredPath(dataDir, '/data/studio/projects/ink/a.png')).toBe('projects/ink/a.png');
    expect(toStoredPath(dataDir, '/home/ada/models/sd15.safetensors')).toBe('/home/ada/models/sd15.safetensors');
    expect(toStoredPath(dataDir, '/data/studio-other/x')).toBe('/data/studio-other/x');
    expect(toStoredPath(dataDir, '/data/studio/..hidden')).toBe('..hidden');
    expect(fromStoredPath(dataDir, 'projects/ink/a.png')).toBe('/data/studio/projects/ink/a.png');
    expect(fromStoredPath('/moved/here', 'projects/ink/a.png')).toBe('/moved/here/projects/ink/a.png');
  });
});
