import type { MethodInput } from '../../../../src-main/contract';
import { parsePromptList } from './prompt-list';

export type PromptSource = 'builtin' | 'list' | 'dataset';

/** The new-study form as the fields hold it (selects hold ids as strings, number fields may be empty). */
export interface StudyForm {
  adapterId: string | null;
  modelId: string | null;
  name: string;
  source: PromptSource;
  /** Built-in themes; none chosen means all. */
  themes: string[];
  perTheme: number | string;
  list: string;
  datasetId: string | null;
  seeds: number | string;
  steps: number | string;
  width: number | string;
  height: number | string;
  cfgScale: number | string;
}

export const INITIAL_STUDY_FORM: StudyForm = {
  adapterId: null,
  modelId: null,
  name: '',
  source: 'builtin',
  themes: [],
  perTheme: 4,
  list: '',
  datasetId: null,
  seeds: 2,
  steps: 20,
  width: 512,
  height: 512,
  cfgScale: 7.5,
};

/** How many prompts the chosen source gives (null when only the service can tell: a dataset's captions). */
export function promptCount(form: StudyForm, themes: { theme: string; prompts: string[] }[]): number | null {
  if (form.source === 'list') return parsePromptList(form.list).prompts.length;
  if (form.source === 'dataset') return null;
  const chosen = form.themes.length > 0 ? themes.filter((t) => form.themes.includes(t.theme)) : themes;
  return chosen.reduce((sum, t) => sum + Math.min(Number(form.perTheme) || t.prompts.length, t.prompts.length), 0);
}

/** The contract's input for router.startStudy; the service checks every number and names what is wrong. */
export function startStudyInput(projectId: number, form: StudyForm): MethodInput<'router.startStudy'> {
  const prompts: MethodInput<'router.startStudy'>['prompts'] =
    form.source === 'builtin'
      ? { source: 'builtin', ...(form.themes.length > 0 && { themes: form.themes }), perTheme: Number(form.perTheme) || undefined }
      : form.source === 'list'
        ? { source: 'list', prompts: parsePromptList(form.list).prompts }
        : { source: 'dataset', datasetId: Number(form.datasetId) };
  return {
    projectId,
    adapterId: Number(form.adapterId),
    modelId: Number(form.modelId),
    name: form.name.trim() || undefined,
    prompts,
    seeds: Number(form.seeds),
    steps: Number(form.steps),
    width: Number(form.width),
    height: Number(form.height),
    cfgScale: Number(form.cfgScale),
  };
}
