import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { badInput, EngineError } from '../../errors';
import { BUILTIN_STUDY_PROMPTS } from './builtin-prompts';

/** One prompt of a router study and the theme it is coloured by. */
export interface StudyPrompt {
  prompt: string;
  theme: string;
}

/** Where a study's prompts come from. */
export type StudyPromptSource =
  /** The built-in list (all themes, or those named; the first `perTheme` prompts of each). */
  | { source: 'builtin'; themes?: string[]; perTheme?: number }
  /** A text file: one prompt per line, or `theme<TAB>prompt`; blank lines and `#` comments are skipped. */
  | { source: 'file'; path: string }
  /** Prompts the caller has: a dataset's captions (theme: the dataset), or a typed list. */
  | { source: 'list'; prompts: { prompt: string; theme?: string }[] };

/** The theme of prompts that do not name one: a file's name, or this for a list. */
const LIST_THEME = 'prompts';

export async function resolveStudyPrompts(source: StudyPromptSource): Promise<StudyPrompt[]> {
  switch (source?.source) {
    case 'builtin':
      return builtinPrompts(source.themes, source.perTheme);
    case 'file':
      return promptsFromFile(source.path);
    case 'list':
      return promptsFromList(source.prompts);
    default:
      throw badInput("the study's prompts need a source: 'builtin', 'file' (a path) or 'list' (prompts)");
  }
}

function builtinPrompts(themes: string[] | undefined, perTheme: number | undefined): StudyPrompt[] {
  const known = Object.keys(BUILTIN_STUDY_PROMPTS);
  const unknown = (themes ?? []).filter((t) => !known.includes(t));
  if (unknown.length > 0) throw badInput(`no built-in theme '${unknown[0]}': the themes are ${known.join(', ')}`);
  if (perTheme !== undefined && !(Number.isInteger(perTheme) && perTheme > 0)) throw badInput(`prompts per theme must be a positive integer, got ${perTheme}`);
  return (themes ?? known).flatMap((theme) => BUILTIN_STUDY_PROMPTS[theme].slice(0, perTheme).map((prompt) => ({ prompt, theme })));
}

async function promptsFromFile(path: string): Promise<StudyPrompt[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EngineError('not-found', `the prompt file ${path} does not exist`);
    throw badInput(`cannot read the prompt file ${path}: ${(error as Error).message}`);
  }
  const prompts = parsePromptLines(text, basename(path, extname(path)));
  if (prompts.length === 0) throw badInput(`the prompt file ${path} holds no prompts: write one per line, or theme<TAB>prompt`);
  return prompts;
}

/** `theme<TAB>prompt` or `prompt` per line; blank lines and lines starting with # are skipped. */
export function parsePromptLines(text: string, defaultTheme: string): StudyPrompt[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      const theme = tab < 0 ? defaultTheme : line.slice(0, tab).trim() || defaultTheme;
      return { theme, prompt: (tab < 0 ? line : line.slice(tab + 1)).trim() };
    })
    .filter((p) => p.prompt !== '');
}

function promptsFromList(list: { prompt: string; theme?: string }[]): StudyPrompt[] {
  if (!Array.isArray(list) || list.length === 0) throw badInput('the study was given an empty prompt list: pass at least one prompt (or caption)');
  return list.map((p, i) => {
    if (typeof p?.prompt !== 'string' || p.prompt.trim() === '') throw badInput(`prompt ${i + 1} of the list is empty: every prompt needs text`);
    return { prompt: p.prompt.trim(), theme: p.theme?.trim() || LIST_THEME };
  });
}
