import { mkdir, rm } from 'node:fs/promises';
import { StorageError } from './errors';
import type { NewProject, Project } from './repos/projects';
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
    throw new StorageError(`project '${project.name}' has an unexpected folder '${project.folder}' in the database; not touching it`);
  }
  return fromStoredPath(store.dataDir, project.folder);
}

/** Creates the project's row and its folder `projects/<slug>` (numbered if the slug is taken). */
export async function createProject(store: Store, input: NewProject): Promise<Project> {
  const base = `${PROJECTS_FOLDER}/${folderSlug(String(input.name ?? ''))}`;
  let folder = base;
  for (let n = 2; store.db.prepare('SELECT 1 FROM projects WHERE folder = ?').get(folder); n++) folder = `${base}-${n}`;
  const project = store.projects.create(input, folder);
  try {
    await mkdir(projectFolder(store, project), { recursive: true });
  } catch (cause) {
    store.projects.delete(project.id);
    throw new StorageError(`cannot create the project folder ${projectFolder(store, project)} (${(cause as Error).message})`, { cause });
  }
  return project;
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
