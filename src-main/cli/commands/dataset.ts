import type { CaptionEditAction, DatasetView, ImportSummary } from '../../contract';
import { UsageError, type Command, type OptionValues } from '../command';
import { dataDirHelp, dataDirOption, openStudioSession, type StudioSession } from '../studio-session';
import { progressBar } from '../progress-bar';
import { findProject } from './project';

const text = (values: OptionValues, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);

async function findDataset(session: StudioSession, values: OptionValues): Promise<DatasetView> {
  const project = await findProject(session, text(values, 'project'));
  const ref = text(values, 'dataset');
  if (!ref) throw new UsageError('name the dataset with --dataset (its id or name)');
  const found = (await session.call('datasets.list', { projectId: project.id })).find((d) => String(d.id) === ref || d.name.toLowerCase() === ref.toLowerCase());
  if (!found) throw new UsageError(`no dataset '${ref}' in project '${project.name}'`);
  return found;
}

/** The one caption edit the flags ask for. */
function captionEdit(values: OptionValues): CaptionEditAction {
  const given: CaptionEditAction[] = [];
  if (text(values, 'add-trigger')) given.push({ kind: 'addTrigger', word: text(values, 'add-trigger')! });
  if (text(values, 'prefix')) given.push({ kind: 'prefix', text: text(values, 'prefix')! });
  if (text(values, 'suffix')) given.push({ kind: 'suffix', text: text(values, 'suffix')! });
  if (text(values, 'remove-tag')) given.push({ kind: 'removeTag', tag: text(values, 'remove-tag')! });
  const replace = text(values, 'replace');
  if (replace) {
    const at = replace.indexOf('=');
    if (at < 1) throw new UsageError("--replace wants 'find=replacement'");
    given.push({ kind: 'replace', find: replace.slice(0, at), replace: replace.slice(at + 1) });
  }
  if (given.length !== 1) throw new UsageError('give one of --add-trigger, --prefix, --suffix, --replace find=new, --remove-tag');
  return given[0];
}

function printImport(summary: ImportSummary): void {
  console.log(`imported ${summary.imported} image${summary.imported === 1 ? '' : 's'}`);
  for (const s of summary.skipped) console.log(`skipped ${s.path}: ${s.reason}`);
}

/** `styleinject dataset`: datasets of a project, imported and curated as in the app. */
export const datasetCommand: Command = {
  name: 'dataset',
  summary: "create, import into, list, caption and export a project's datasets (the same data the app shows)",
  usage:
    'list --project <p> | create --project <p> --name <n> [--reference] [--min-edge 512] | import --project <p> --dataset <d> <file or folder>... | ' +
    'items --project <p> --dataset <d> | caption --project <p> --dataset <d> (--add-trigger w | --prefix t | --suffix t | --replace find=new | --remove-tag t) | ' +
    'export --project <p> --dataset <d> --out <folder>  [--data-dir <path>]',
  options: {
    ...dataDirOption,
    project: { type: 'string' },
    dataset: { type: 'string' },
    name: { type: 'string' },
    reference: { type: 'boolean' },
    'min-edge': { type: 'string' },
    out: { type: 'string' },
    'add-trigger': { type: 'string' },
    prefix: { type: 'string' },
    suffix: { type: 'string' },
    replace: { type: 'string' },
    'remove-tag': { type: 'string' },
  },
  positionals: true,
  help: [
    'list                 the project\'s datasets with item counts and flags',
    'create               a dataset; --reference keeps images where they are instead of copying them into the project',
    'import <paths...>    files and folders (recursively); kohya N_name folders keep their repeats, .txt/.caption files become captions',
    'items                every image with its size, caption and flags (low resolution, duplicate, no caption)',
    'caption              one edit on every caption: --add-trigger, --prefix, --suffix, --replace find=new, --remove-tag',
    'export --out <dir>   a kohya folder (images + .txt) for other trainers',
    '--project, --dataset an id or a name',
    dataDirHelp,
  ],
  async run(values, [action, ...paths]) {
    const session = openStudioSession(values);
    try {
      switch (action) {
        case 'list': {
          const project = await findProject(session, text(values, 'project'));
          for (const d of await session.call('datasets.list', { projectId: project.id })) {
            console.log(`${String(d.id).padStart(4)}  ${d.name}  ${d.items} images (${d.excluded} excluded; ${d.flags.lowResolution} low resolution, ${d.flags.duplicate} duplicate, ${d.flags.nearDuplicate} near duplicate, ${d.flags.noCaption} without caption)`);
          }
          return 0;
        }
        case 'create': {
          const project = await findProject(session, text(values, 'project'));
          const name = text(values, 'name');
          if (!name) throw new UsageError('--name is required');
          const minEdge = text(values, 'min-edge');
          const dataset = await session.call('datasets.create', { projectId: project.id, name, storage: values.reference === true ? 'reference' : 'copy', ...(minEdge && { minEdge: Number(minEdge) }) });
          console.log(`created dataset ${dataset.id} '${dataset.name}' (${dataset.storage === 'copy' ? 'images are copied into the project' : 'images stay where they are'})`);
          return 0;
        }
        case 'import': {
          if (paths.length === 0) throw new UsageError('name the files or folders to import');
          const dataset = await findDataset(session, values);
          const bar = progressBar('importing');
          const { jobId } = await session.call('datasets.importPaths', { datasetId: dataset.id, paths });
          printImport((await session.job(jobId, (e) => e.type === 'progress' && bar(e.step, e.total, e.etaMs ?? 0, e.elapsedMs ?? 0))) as ImportSummary);
          return 0;
        }
        case 'items': {
          const dataset = await findDataset(session, values);
          for (const item of await session.call('datasets.items', { datasetId: dataset.id })) {
            const flags = [item.excluded && 'excluded', item.flags.lowResolution && 'low resolution', item.flags.duplicateOf && `duplicate of ${item.flags.duplicateOf}`, item.flags.nearDuplicateOf && `near duplicate of ${item.flags.nearDuplicateOf.id}`, item.flags.noCaption && 'no caption'].filter(Boolean);
            console.log(`${String(item.id).padStart(5)}  ${item.width}x${item.height}  ${item.caption || '(no caption)'}${flags.length ? `  [${flags.join(', ')}]` : ''}`);
          }
          return 0;
        }
        case 'caption': {
          const dataset = await findDataset(session, values);
          const { changed } = await session.call('datasets.editCaptions', { datasetId: dataset.id, edit: captionEdit(values) });
          console.log(`changed ${changed} caption${changed === 1 ? '' : 's'}`);
          return 0;
        }
        case 'export': {
          const dataset = await findDataset(session, values);
          const out = text(values, 'out');
          if (!out) throw new UsageError('--out is required: a new or empty folder');
          const done = await session.call('datasets.exportKohya', { datasetId: dataset.id, folder: out });
          console.log(`exported ${done.images} images with captions to ${done.folder}`);
          return 0;
        }
        default:
          throw new UsageError(`unknown action '${action ?? ''}': list, create, import, items, caption or export`);
      }
    } finally {
      await session.close();
    }
  },
};
