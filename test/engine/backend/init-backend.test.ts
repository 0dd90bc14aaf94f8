import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { availableBackends, backendNames, initBackend, probeBackends } from '../../../src-main/engine/backend';

const probes = await probeBackends();
const savedEnv = process.env.STYLEINJECT_BACKEND;

afterEach(() => {
  if (savedEnv === undefined) delete process.env.STYLEINJECT_BACKEND;
  else process.env.STYLEINJECT_BACKEND = savedEnv;
});

describe('initBackend', () => {
  it('picks the first backend that starts and is not demoted, and explains every one it passed over', async () => {
    delete process.env.STYLEINJECT_BACKEND;
    const report = await initBackend();
    expect(report.chosenBy).toBe('auto');
    expect(tf.getBackend()).toBe(report.tfBackend);
    const chosenAt = backendNames.indexOf(report.backend);
    expect(report.skipped.map((s) => s.name)).toEqual(backendNames.slice(0, chosenAt));
    for (const s of report.skipped) {
      expect(s.reason.length).toBeGreaterThan(0);
      expect(report.line).toContain(`${s.name}: ${s.reason}`);
    }
    expect(report.line.split('\n')).toHaveLength(1);
    expect(report.line).toMatch(new RegExp(`^backend ${report.backend} \\(${escape(report.detail)}\\)`));
    expect(report.line).toContain(`tfjs ${tf.version.tfjs}`);
  });

  it.skipIf(!probes.find((p) => p.name === 'webgpu' && p.ok && p.detail.includes('software')))(
    'passes over a software WebGPU adapter, saying how to force it',
    async () => {
      delete process.env.STYLEINJECT_BACKEND;
      const webgpu = (await initBackend()).skipped.find((s) => s.name === 'webgpu');
      expect(webgpu?.reason).toMatch(/^software adapter .*use --backend webgpu to force$/);
    },
  );

  it('uses a backend forced by option, and the option wins over STYLEINJECT_BACKEND', async () => {
    process.env.STYLEINJECT_BACKEND = 'wasm';
    const report = await initBackend({ force: 'cpu' });
    expect(report).toMatchObject({ backend: 'cpu', tfBackend: 'cpu', chosenBy: 'option', skipped: [] });
    expect(report.line).toMatch(/^backend cpu \(.*; forced\)/);
  });

  it('uses a backend forced by STYLEINJECT_BACKEND', async () => {
    process.env.STYLEINJECT_BACKEND = 'cpu';
    const report = await initBackend();
    expect(report).toMatchObject({ backend: 'cpu', chosenBy: 'STYLEINJECT_BACKEND' });
    expect(report.line).toContain('forced by STYLEINJECT_BACKEND');
  });

  it('rejects an unknown name in STYLEINJECT_BACKEND, listing the choices', async () => {
    process.env.STYLEINJECT_BACKEND = 'cuda';
    await expect(initBackend()).rejects.toThrow(`unknown backend 'cuda' in STYLEINJECT_BACKEND; choose one of: ${backendNames.join(', ')}`);
  });

  const missing = probes.find((p) => !p.ok);
  it.skipIf(!missing)(`fails clearly when a forced backend cannot start (${missing?.name ?? 'none missing here'})`, async () => {
    const name = missing!.name;
    await expect(initBackend({ force: name })).rejects.toThrow(`backend ${name} was forced but cannot start here: ${missing!.detail}`);
  });

  it('availableBackends lists the ones that start here, always including wasm and cpu', async () => {
    const names = await availableBackends();
    expect(names).toEqual(probes.filter((p) => p.ok).map((p) => p.name));
    expect(names).toEqual(expect.arrayContaining(['wasm', 'cpu']));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
