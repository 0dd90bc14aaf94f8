import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from './errors';
import { parseInput } from './input';
import { newProjectSchema, type NewProject, type Project } from './repos/projects';
import type { Store } from './store';
import { fromStoredPath } from './stored-path';

export const PROJECTS_FOLDER = 'projects';

/** A folder name from the project's name: lowercase letters, digits and dashes; never empty. */
export function folderSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'project';
}

/** The project's folder; always under the data directory's projects/, whatever the row says. */
export function projectFolder(store: Store, project: Project): string {
  const parts = project.folder.split('/');
  if (parts.length !== 2 || parts[0] !== PROJECTS_FOLDER || !/^[a-z0-9-]+$/.test(parts[1])) {
    throw new StorageError(`project '${project.name}' has an unexpected folder '${project.folder}' in the database; not touching it`, { code: 'internal' });
  }
  return fromStoredPath(store.dataDir, project.folder);
}

/**
 * Creates the project's folder `projects/<slug>` (numbered if taken), then its row: a crash in
 * between leaves at most an empty folder, never a project whose folder is missing.
 */
export async function createProject(store: Store, input: NewProject): Promise<Project> {
  const parsed = parseInput(newProjectSchema, input, 'project');
  store.projects.refuseTakenName(parsed.name);
  const folder = await claimFolder(store, folderSlug(parsed.name));
  try {
    return store.projects.create(parsed, folder);
  } catch (error) {
    await rm(fromStoredPath(store.dataDir, folder), { recursive: true, force: true });
    throw error;
  }
}

/** mkdir without `recursive` fails on an existing folder, so claiming a name is atomic. */
async function claimFolder(store: Store, slug: string): Promise<string> {
  await mkdir(join(store.dataDir, PROJECTS_FOLDER), { recursive: true });
  for (let n = 1; ; n++) {
    const folder = `${PROJECTS_FOLDER}/${n === 1 ? slug : `${slug}-${n}`}`;
    if (store.db.prepare('SELECT 1 FROM projects WHERE folder = ?').get(folder)) continue;
    try {
      await mkdir(fromStoredPath(store.dataDir, folder));
      return folder;
    } catch (cause) {
      if ((cause as { code?: string }).code === 'EEXIST') continue;
      throw new StorageError(`cannot create the project folder ${fromStoredPath(store.dataDir, folder)} (${(cause as Error).message})`, { cause });
    }
  }
}

export interface DeleteProjectOptions {
  /** Must be true: deleting removes the project's datasets, runs, adapters, generations and its folder. */
  confirm?: boolean;
}

/**
 * Deletes a project with everything it owns: its rows (one transaction, through the cascades)
 * and then its folder. Files referenced in place (models, reference-mode dataset images) are
 * not the project's and stay.
 */
export async function deleteProject(store: Store, projectId: number, options: DeleteProjectOptions = {}): Promise<void> {
  const project = store.projects.get(projectId);
  const folder = projectFolder(store, project);
  if (options.confirm !== true) {
    throw new StorageError(
      `deleting project '${project.name}' removes its datasets, runs, adapters and generations, and the folder ${folder}; ` +
        'confirm to go ahead (the CLI\'s --yes)',
    );
  }
  store.projects.delete(projectId);
  await rm(folder, { recursive: true, force: true });
}
