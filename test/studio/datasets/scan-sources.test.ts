import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKohyaFolder, scanSources } from '../../../src-main/studio/datasets';
import { scratchFolder } from '../../storage/scratch';
import { writeMessyFolder } from './fixture-folder';

const dir = scratchFolder('scan');
const { root } = await writeMessyFolder(dir);
const rel = (p: string) => relative(root, p);

describe('scanning what to import', () => {
  it('walks the folder recursively: kohya repeats from the nearest N_name folder, captions from .txt or .caption', async () => {
    const { candidates } = await scanSources([root]);
    expect(candidates.map((c) => [rel(c.path), c.repeats, c.captionFile && rel(c.captionFile)])).toEqual([
      ['10_sks dog/c.png', 10, '10_sks dog/c.txt'],
      ['10_sks dog/nested/d.png', 10, null],
      ['a-resized.jpg', 1, 'a-resized.txt'],
      ['a.png', 1, 'a.txt'],
      ['b.jpg', 1, 'b.caption'],
      ['broken.png', 1, null],
      ['copy-of-a.png', 1, 'copy-of-a.txt'],
      ['empty.png', 1, null],
      ['link-in.png', 1, null],
      ['small.png', 1, null],
    ]);
  });

  it('lists what it leaves out with the reason; hidden entries are ignored', async () => {
    const { skipped } = await scanSources([root]);
    expect(skipped.map((s) => [rel(s.path), s.reason.replace(dir, '<dir>')])).toEqual([
      ['link-out.png', 'a symlink that leads outside the imported folder (to <dir>/outside/secret.png)'],
      ['notes.md', "unsupported file type '.md': import PNG, JPEG or WebP images"],
    ]);
  });

  it('takes single files too, with repeats from their own folder, and names what does not exist', async () => {
    const { candidates, skipped } = await scanSources([join(root, '10_sks dog', 'c.png'), join(root, 'nope.png')]);
    expect(candidates.map((c) => [rel(c.path), c.repeats])).toEqual([['10_sks dog/c.png', 10]]);
    expect(skipped).toEqual([{ path: join(root, 'nope.png'), reason: 'no such file or folder' }]);
  });

  it('reads kohya folder names', () => {
    expect(parseKohyaFolder('10_sks dog')).toEqual({ repeats: 10, name: 'sks dog' });
    expect(parseKohyaFolder('0_none')).toBeNull();
    expect(parseKohyaFolder('photos')).toBeNull();
  });
});
