import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blocks, writeJpeg, writePng } from './images';

/**
 * A messy folder like a user's: captions as .txt and .caption, a kohya `10_sks dog` folder
 * with a nested one, an exact copy and a resized near-copy, a small image, an empty file, a
 * truncated PNG, a note, a hidden folder, and symlinks inside and outside the folder.
 */
export async function writeMessyFolder(parent: string): Promise<{ root: string; outside: string }> {
  const root = join(parent, 'my-style');
  const outside = join(parent, 'outside');
  mkdirSync(join(root, '10_sks dog', 'nested'), { recursive: true });
  mkdirSync(join(root, '.hidden'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  await writePng(join(root, 'a.png'), blocks(10));
  writeFileSync(join(root, 'a.txt'), 'sks dog, watercolor\n');
  await writeJpeg(join(root, 'b.jpg'), blocks(11));
  writeFileSync(join(root, 'b.caption'), '\uFEFFsks dog, ink');
  await writePng(join(root, 'small.png'), blocks(12, 256, 256));
  copyFileSync(join(root, 'a.png'), join(root, 'copy-of-a.png'));
  writeFileSync(join(root, 'copy-of-a.txt'), 'sks dog, watercolor, copy');
  await writeJpeg(join(root, 'a-resized.jpg'), blocks(10).resize(512, 512), 70);
  writeFileSync(join(root, 'a-resized.txt'), 'watercolor');
  await writePng(join(root, '10_sks dog', 'c.png'), blocks(13));
  writeFileSync(join(root, '10_sks dog', 'c.txt'), 'sks dog, red scarf');
  await writePng(join(root, '10_sks dog', 'nested', 'd.png'), blocks(14));
  writeFileSync(join(root, 'notes.md'), '# my notes');
  writeFileSync(join(root, 'empty.png'), '');
  const png = await blocks(15).png().toBuffer();
  writeFileSync(join(root, 'broken.png'), png.subarray(0, png.length >> 1));
  await writePng(join(root, '.hidden', 'e.png'), blocks(16));
  await writePng(join(outside, 'secret.png'), blocks(17));
  symlinkSync(join(outside, 'secret.png'), join(root, 'link-out.png'));
  symlinkSync(join(root, 'b.jpg'), join(root, 'link-in.png'));
  return { root, outside };
}
