import { describe, expect, it } from 'vitest';
import { styleinject } from './run-styleinject';

describe('styleinject CLI', () => {
  it('backend prints the one-line report', async () => {
    const run = await styleinject(['backend']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backend (tensorflow-gpu|tensorflow|webgpu|wasm|cpu) \(.+\)( \| skipped: .+)? \| tfjs \d+\.\d+\.\d+, node v/);
  });

  it('backend --json prints the report object, consistent with its line', async () => {
    const run = await styleinject(['backend', '--json', '--backend', 'cpu']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ backend: 'cpu', tfBackend: 'cpu', chosenBy: 'option', skipped: [] });
    expect(report.line).toMatch(/^backend cpu \(.*; forced\) \| tfjs /);
  });

  it('STYLEINJECT_BACKEND forces the backend, and a bad name is a clear error', async () => {
    const forced = await styleinject(['backend'], { STYLEINJECT_BACKEND: 'wasm' });
    expect(forced.stdout).toMatch(/^backend wasm \((simd|no simd)/);
    expect(forced.stdout).toContain('forced by STYLEINJECT_BACKEND');
    const bad = await styleinject(['backend'], { STYLEINJECT_BACKEND: 'cuda' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown backend 'cuda' in STYLEINJECT_BACKEND");
  });

  it('an unknown command fails with a message that lists the commands', async () => {
    const run = await styleinject(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
    expect(run.stderr).toContain('backend');
    expect(run.stdout).toBe('');
  });

  it('--help lists the commands and an unknown flag is a usage error', async () => {
    const help = await styleinject(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: styleinject <command>/);
    expect(help.stdout).toMatch(/\n {2}backend +start the compute backend/);
    const flag = await styleinject(['backend', '--nope']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--nope'");
    expect(flag.stderr).toContain('usage: styleinject backend');
  });
});
