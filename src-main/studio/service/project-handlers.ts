import type { StudioHandlers } from '../../transport/rpc';
import { createProject, deleteProject } from '../../storage';
import type { ServiceContext } from './context';

export function projectHandlers(ctx: ServiceContext): Pick<StudioHandlers, 'projects.list' | 'projects.create' | 'projects.rename' | 'projects.delete'> {
  const { store, hub } = ctx;
  return {
    'projects.list': async () => store.projects.list(),
    'projects.create': async ({ name, description }) => {
      const project = await createProject(store, { name, description });
      hub.emit('changed', { what: 'projects', id: project.id });
      return project;
    },
    'projects.rename': async ({ projectId, name }) => {
      if (store.projects.get(projectId).name !== name) store.projects.refuseTakenName(name);
      const project = store.projects.update(projectId, { name });
      hub.emit('changed', { what: 'projects', id: project.id });
      return project;
    },
    'projects.delete': async ({ projectId }) => {
      const running = ctx.jobs.list().filter((j) => j.projectId === projectId);
      if (running.length > 0) throw Object.assign(new Error(`the project has ${running.length} job(s) running: cancel them first`), { code: 'conflict' });
      await deleteProject(store, projectId, { confirm: true });
      hub.emit('changed', { what: 'projects', id: projectId });
      return { deleted: true as const };
    },
  };
}
