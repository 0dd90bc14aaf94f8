import { describe, expect, it } from 'vitest';
import { parseAdapterArgument } from '../../src-main/cli/adapter-argument';

describe('--adapter <file>[:weight]', () => {
  it('takes any number after the last colon as the weight', () => {
    expect(parseAdapterArgument('a.safetensors')).toEqual({ path: 'a.safetensors', weight: 1 });
    expect(parseAdapterArgument('a.safetensors:0.6')).toEqual({ path: 'a.safetensors', weight: 0.6 });
    expect(parseAdapterArgument('a.safetensors:.5')).toEqual({ path: 'a.safetensors', weight: 0.5 });
    expect(parseAdapterArgument('a.safetensors:1e-1')).toEqual({ path: 'a.safetensors', weight: 0.1 });
    expect(parseAdapterArgument('a.safetensors:-1')).toEqual({ path: 'a.safetensors', weight: -1 });
    expect(parseAdapterArgument('dir:with:colons/a.safetensors:+2')).toEqual({ path: 'dir:with:colons/a.safetensors', weight: 2 });
  });

  it('keeps Windows drive letters in the path', () => {
    expect(parseAdapterArgument('C:\\lora\\a.safetensors')).toEqual({ path: 'C:\\lora\\a.safetensors', weight: 1 });
    expect(parseAdapterArgument('C:\\lora\\a.safetensors:-1')).toEqual({ path: 'C:\\lora\\a.safetensors', weight: -1 });
  });

  it('refuses an argument with no file', () => {
    expect(() => parseAdapterArgument(':0.5')).toThrow(/no file given/);
  });
});
