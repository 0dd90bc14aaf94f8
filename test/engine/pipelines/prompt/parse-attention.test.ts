import { describe, expect, it } from 'vitest';
import { parsePromptAttention, type PromptSpan } from '../../../../src-main/engine/pipelines/prompt';

const t = (text: string, weight: number): PromptSpan => ({ kind: 'text', text, weight });
const BREAK: PromptSpan = { kind: 'break' };

describe('parsePromptAttention (A1111 emphasis)', () => {
  it.each<[string, PromptSpan[]]>([
    // The examples of A1111's own docstring.
    ['normal text', [t('normal text', 1)]],
    ['an (important) word', [t('an ', 1), t('important', 1.1), t(' word', 1)]],
    ['(unbalanced', [t('unbalanced', 1.1)]],
    ['\\(literal\\]', [t('(literal]', 1)]],
    ['(unnecessary)(parens)', [t('unnecessaryparens', 1.1)]],
    [
      'a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).',
      [t('a ', 1), t('house', 1.5730000000000004), t(' ', 1.1), t('on', 1), t(' a ', 1.1), t('hill', 0.55), t(', sun, ', 1.1), t('sky', 1.4641000000000006), t('.', 1.1)],
    ],
  ])('%j', (prompt, expected) => {
    expect(parsePromptAttention(prompt)).toEqual(expected);
  });

  it.each<[string, PromptSpan[]]>([
    ['(word:1.2)', [t('word', 1.2)]],
    ['[word]', [t('word', 0.9090909090909091)]],
    ['((a) b)', [t('a', 1.2100000000000002), t(' b', 1.1)]],
    ['[(a)] (b:1.2]', [t('a ', 1), t('b:1.2]', 1.1)]],
    ['[[a]', [t('a', 1 / 1.1 / 1.1)]],
    ['(a: 1.5 ) b', [t('a', 1.5), t(' b', 1)]],
    ['(a:-0.5)', [t('a', -0.5)]],
    ['((a:1.2))', [t('a', 1.32)]],
    ['a) b] c', [t('a) b] c', 1)]],
    ['word:1.2) x', [t('word:1.2) x', 1)]],
    ['ratio 16:9', [t('ratio 16:9', 1)]],
    ['\\\\ and \\x', [t('\\ and x', 1)]],
    ['(', [t('', 1)]],
    ['', [t('', 1)]],
    ['(a:1.2.3)', [t('a:1.2.3', 1.1)]],
  ])('%j', (prompt, expected) => {
    expect(parsePromptAttention(prompt)).toEqual(expected);
  });

  it('splits on BREAK as a whole word only, eating the spaces around it', () => {
    expect(parsePromptAttention('a cat BREAK a dog')).toEqual([t('a cat', 1), BREAK, t('a dog', 1)]);
    expect(parsePromptAttention('(red BREAK blue)')).toEqual([t('red', 1.1), BREAK, t('blue', 1.1)]);
    expect(parsePromptAttention('BREAKING news, éBREAK')).toEqual([t('BREAKING news, éBREAK', 1)]);
    expect(parsePromptAttention('a BREAK BREAK b')).toEqual([t('a', 1), BREAK, t('', 1), BREAK, t('b', 1)]);
  });

  it('keeps BREAK as text when breaks are off', () => {
    expect(parsePromptAttention('a BREAK b', { breaks: false })).toEqual([t('a BREAK b', 1)]);
  });
});
