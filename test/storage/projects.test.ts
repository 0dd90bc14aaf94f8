import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProject, deleteProject, folderSlug, projectFolder, StorageInputError } from '../../src-main/storage';
import { scratchFolder, scratchStore } from './scratch';

const store = scratchStore(scratchFolder('projects'), 'data');

describe('projects', () => {
  it('creates a folder under projects/ and stores its path relative to the data directory', async () => {
    const project = await createProject(store, { name: 'Ink & Wash', description: 'sumi-e' });
    expect(project.folder).toBe('projects/ink-wash');
    expect(projectFolder(store, project)).toBe(join(store.dataDir, 'projects', 'ink-wash'));
    expect(existsSync(projectFolder(store, project))).toBe(true);
    expect(store.projects.list().map((p) => p.name)).toContain('Ink & Wash');
  });

  it('numbers the folder when another project has the same slug, and refuses a duplicate name naming the field', async () => {
    const other = await createProject(store, { name: 'Ink  Wash' });
    expect(other.folder).toBe('projects/ink-wash-2');
    const error = await createProject(store, { name: 'ink & WASH' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageInputError);
    expect((error as StorageInputError).field).toBe('name');
    expect((error as Error).message).toMatch(/a project called 'ink & WASH' already exists/);
  });

  it('validates input with the field named', async () => {
    await expect(createProject(store, { name: '   ' })).rejects.toThrow(/project: 'name': must not be empty/);
    await expect(createProject(store, { name: 'x', colour: 'red' } as never)).rejects.toThrow(/colour/);
    expect(() => store.projects.update(1, { name: '' })).toThrow(/'name': must not be empty/);
  });

  it('deleting needs an explicit confirmation, then removes the rows and the folder', async () => {
    const project = await createProject(store, { name: 'Doomed' });
    const folder = projectFolder(store, project);
    writeFileSync(join(folder, 'keep-me.png'), 'x');
    const dataset = store.datasets.create({ projectId: project.id, name: 'set' });
    await expect(deleteProject(store, project.id)).rejects.toThrow(/removes its datasets, runs, adapters and generations, and the folder .*confirm/);
    expect(existsSync(folder)).toBe(true);
    await deleteProject(store, project.id, { confirm: true });
    expect(existsSync(folder)).toBe(false);
    expect(() => store.projects.get(project.id)).toThrow(/no project with id/);
    expect(() => store.datasets.get(dataset.id)).toThrow(/no dataset with id/);
  });

  it('never deletes a folder outside projects/ even if the row was tampered with', async () => {
    const project = await createProject(store, { name: 'Tampered' });
    store.db.prepare('UPDATE projects SET folder = ? WHERE id = ?').run('..', project.id);
    await expect(deleteProject(store, project.id, { confirm: true })).rejects.toThrow(/unexpected folder '\.\.'/);
    expect(existsSync(store.dataDir)).toBe(true);
  });

  it('slugs are plain and never empty', () => {
    expect(folderSlug('Café Noir!')).toBe('cafe-noir');
    expect(folderSlug('水墨')).toBe('project');
  });
});
