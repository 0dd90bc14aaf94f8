import { describe, expect, it } from 'vitest';
import { parsePromptList } from '../../../src-renderer/src/features/router/prompt-list';

describe('a typed prompt list', () => {
  it('reads one prompt per line or theme<TAB>prompt, skipping blank lines and # comments', () => {
    const { prompts, problems } = parsePromptList('a red fox\n\n# animals first\nanimals\tan owl at night\r\n  objects \t a teapot  \n\ta lamp');
    expect(problems).toEqual([]);
    expect(prompts).toEqual([{ prompt: 'a red fox' }, { prompt: 'an owl at night', theme: 'animals' }, { prompt: 'a teapot', theme: 'objects' }, { prompt: 'a lamp' }]);
  });

  it('names the line of a theme without a prompt and of a theme that is too long, and keeps the rest', () => {
    const { prompts, problems } = parsePromptList(`a fox\nanimals\t\n${'x'.repeat(101)}\ta cat`);
    expect(prompts).toEqual([{ prompt: 'a fox' }]);
    expect(problems).toEqual(['line 2 has a theme but no prompt after the tab', 'line 3: the theme is longer than 100 characters']);
  });

  it('says when there are more prompts than a study takes', () => {
    const { prompts, problems } = parsePromptList(Array.from({ length: 2001 }, (_, i) => `prompt ${i}`).join('\n'));
    expect(prompts).toHaveLength(2001);
    expect(problems).toEqual(['2001 prompts: a study takes at most 2000']);
  });
});
