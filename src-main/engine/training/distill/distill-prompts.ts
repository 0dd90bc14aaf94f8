import { readFile } from 'node:fs/promises';
import { badInput } from '../../errors';

/** One distillation prompt: what the teacher reads and what the student reads. */
export interface PromptPair {
  teacher: string;
  student: string;
}

/**
 * A paired prompt file for distillation with different text encoders: one sample per line,
 * `teacher prompt<TAB>student prompt` (e.g. English, then its translation). Blank lines are
 * skipped; any other line must hold exactly one tab with text on both sides.
 */
export function parsePairedPrompts(text: string, source = 'paired prompt file'): PromptPair[] {
  const pairs: PromptPair[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    const where = `${source}, line ${i + 1}`;
    if (fields.length !== 2) {
      throw badInput(`${where}: expected 'teacher prompt<TAB>student prompt', found ${fields.length - 1} tabs in "${line.slice(0, 60)}"`);
    }
    const [teacher, student] = fields.map((f) => f.trim());
    if (!teacher || !student) throw badInput(`${where}: the ${teacher ? 'student' : 'teacher'} prompt is empty`);
    pairs.push({ teacher, student });
  });
  if (pairs.length === 0) throw badInput(`${source}: no prompt pairs`);
  return pairs;
}

export async function readPairedPrompts(path: string): Promise<PromptPair[]> {
  return parsePairedPrompts(await readFile(path, 'utf8'), path);
}

/** Plain prompts (shared text encoder): one per line, teacher and student read the same text. */
export function samePromptPairs(prompts: readonly string[]): PromptPair[] {
  return prompts.map((p) => p.trim()).filter((p) => p !== '').map((p) => ({ teacher: p, student: p }));
}
