import { execFile } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planImageOutputs, writeImageOutput, writeRouterTraceOutput } from '../../../src-main/engine/io/image-outputs';
import { encodePngWithInfotext, encodePng } from '../../../src-main/engine/io/png';

const dir = mkdtempSync(join(tmpdir(), 'image-outputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const image = { width: 2, height: 1, channels: 3 as const, data: Uint8Array.of(255, 0, 0, 0, 0, 255) };
const generated = (seed: number) => encodePngWithInfotext(image, { prompt: 'red', settings: [['Seed', seed]] });
const folder = (name: string) => {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
};

describe('image outputs', () => {
  it('plans one name for one image, numbered names for a batch, and the router trace beside them', async () => {
    const at = folder('names');
    expect(await planImageOutputs({ path: join(at, 'fox.png'), count: 1 })).toEqual({ images: [join(at, 'fox.png')], overwrite: false });
    const batch = await planImageOutputs({ path: join(at, 'fox.PNG'), count: 3, routerTracePath: join(at, 'fox.router.json') });
    expect(batch.images).toEqual([1, 2, 3].map((i) => join(at, `fox-${i}.PNG`)));
    expect(batch.routerTrace).toBe(join(at, 'fox.router.json'));
  });

  it('writes PNG only and says so for any other name', async () => {
    await expect(planImageOutputs({ path: join(dir, 'fox.jpg'), count: 1 })).rejects.toThrow(/images are written as PNG.*'\.jpg' is not written: name a \.png file/);
    await expect(planImageOutputs({ path: join(dir, 'fox'), count: 1 })).rejects.toThrow(/the name has no extension: name a \.png file/);
  });

  it('checks the folder before any work: missing, a file on the way, a folder given as the image', async () => {
    await expect(planImageOutputs({ path: join(dir, 'no-such-folder', 'a.png'), count: 1 })).rejects.toThrow(
      /the output folder .*no-such-folder does not exist: create it or choose another place/,
    );
    writeFileSync(join(dir, 'plain-file'), 'x');
    await expect(planImageOutputs({ path: join(dir, 'plain-file', 'a.png'), count: 1 })).rejects.toThrow(/plain-file is a file, not a folder/);
    const taken = folder('taken.png');
    await expect(planImageOutputs({ path: taken, count: 1 })).rejects.toThrow(/taken\.png is a folder: name a file inside it/);
  });

  it('refuses a folder it cannot write in, as a user without write permission', async () => {
    const locked = folder('locked');
    chmodSync(locked, 0o555);
    const isRoot = process.getuid?.() === 0;
    if (!isRoot) {
      await expect(planImageOutputs({ path: join(locked, 'a.png'), count: 1 })).rejects.toThrow(/cannot write in the output folder: .*locked cannot be accessed: permission denied/);
      return;
    }
    // root writes anywhere: ask as the unprivileged user 'nobody' instead.
    chownSync(dir, 65534, 65534);
    const module = fileURLToPath(new URL('../../../src-main/engine/io/image-outputs.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/tsx/dist/cli.mjs', import.meta.url));
    const code = `import { planImageOutputs } from ${JSON.stringify(module)}; planImageOutputs({ path: ${JSON.stringify(join(locked, 'a.png'))}, count: 1 }).then(() => console.log('planned'), (e) => console.log(e.message));`;
    const stdout = await new Promise<string>((resolve) => {
      execFile(process.execPath, [tsx, '--eval', code], { uid: 65534, gid: 65534, cwd: dir, env: { ...process.env, HOME: dir } }, (_e, out, err) => resolve(out + err));
    });
    expect(stdout).toMatch(/cannot write in the output folder: .*locked cannot be accessed: permission denied/);
  });

  it('never replaces a file it did not write unless told, and replaces its own images and traces', async () => {
    const at = folder('existing');
    const adapter = join(at, 'style.png');
    writeFileSync(adapter, 'an adapter someone named .png');
    const photo = join(at, 'photo.png');
    const trace = join(at, 'photo.router.json');
    writeFileSync(photo, encodePng(image)); // a PNG without generation parameters
    for (const path of [adapter, photo]) {
      await expect(planImageOutputs({ path, count: 1 })).rejects.toThrow(/already exists and is not an image this app wrote, so it is left as it is/);
    }
    expect(readFileSync(adapter, 'utf8')).toBe('an adapter someone named .png');

    writeFileSync(trace, '{"notes": "mine"}');
    writeFileSync(photo, generated(1));
    await expect(planImageOutputs({ path: photo, count: 1, routerTracePath: trace })).rejects.toThrow(/photo\.router\.json already exists and is not a router trace this app wrote/);

    const forced = await planImageOutputs({ path: photo, count: 1, routerTracePath: trace, overwrite: true });
    await writeImageOutput(forced, 0, generated(2));
    await writeRouterTraceOutput(forced, { seeds: [2], rows: [] });
    expect(new Uint8Array(readFileSync(photo))).toEqual(generated(2));

    const again = await planImageOutputs({ path: photo, count: 1, routerTracePath: trace }); // both are ours now
    await writeImageOutput(again, 0, generated(3));
    expect(JSON.parse(await writeRouterTraceOutput(again, { seeds: [3], rows: [] }).then((p) => readFileSync(p, 'utf8')))).toEqual({
      format: 'styleinject-router-trace',
      seeds: [3],
      rows: [],
    });
    expect(new Uint8Array(readFileSync(photo))).toEqual(generated(3));
    expect(readdirSync(at).sort()).toEqual(['photo.png', 'photo.router.json', 'style.png']); // no temporary files left
  });

  it('checks again when writing: a file that appeared meanwhile is kept', async () => {
    const at = folder('meanwhile');
    const plan = await planImageOutputs({ path: join(at, 'b.png'), count: 2 });
    writeFileSync(plan.images[1], 'arrived during sampling');
    await writeImageOutput(plan, 0, generated(1));
    await expect(writeImageOutput(plan, 1, generated(2))).rejects.toThrow(/b-2\.png already exists and is not an image this app wrote/);
    expect(readFileSync(plan.images[1], 'utf8')).toBe('arrived during sampling');
  });
});
