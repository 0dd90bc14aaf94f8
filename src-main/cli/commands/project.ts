import type { Project } from '../../storage';
import { UsageError, type Command } from '../command';
import { dataDirHelp, dataDirOption, openStudioSession, type StudioSession } from '../studio-session';

/** A project named by id or by name (case-insensitive), as the user typed it. */
export async function findProject(session: StudioSession, ref: string | undefined): Promise<Project> {
  if (!ref) throw new UsageError('name the project (its id or name): styleinject project list shows them');
  const projects = await session.call('projects.list', {});
  const found = projects.find((p) => String(p.id) === ref || p.name.toLowerCase() === ref.toLowerCase());
  if (!found) throw new UsageError(`no project '${ref}' in ${session.dataDir}; styleinject project list shows them`);
  return found;
}

/** `styleinject project`: the studio's projects, in the same data folder the app uses. */
export const projectCommand: Command = {
  name: 'project',
  summary: "list, create, rename or delete the studio's projects (the same data the app shows)",
  usage: 'list | create <name> | rename <project> <new name> | delete <project> --yes  [--data-dir <path>]',
  options: { ...dataDirOption, yes: { type: 'boolean' }, description: { type: 'string' } },
  positionals: true,
  help: [
    'list                        projects with their folders',
    'create <name>               a new project (--description "...")',
    'rename <project> <name>     <project> is its id or name',
    'delete <project> --yes      removes the project, its datasets, runs, adapters, generations and its folder',
    dataDirHelp,
  ],
  async run(values, [action, ...args]) {
    const session = openStudioSession(values);
    try {
      switch (action) {
        case 'list': {
          const projects = await session.call('projects.list', {});
          if (projects.length === 0) console.log(`no projects yet in ${session.dataDir} (styleinject project create <name>)`);
          for (const p of projects) console.log(`${String(p.id).padStart(4)}  ${p.name}  (${p.folder})`);
          return 0;
        }
        case 'create': {
          const project = await session.call('projects.create', { name: args.join(' '), ...(typeof values.description === 'string' && { description: values.description }) });
          console.log(`created project ${project.id} '${project.name}' in ${session.dataDir}/${project.folder}`);
          return 0;
        }
        case 'rename': {
          const project = await findProject(session, args[0]);
          const renamed = await session.call('projects.rename', { projectId: project.id, name: args.slice(1).join(' ') });
          console.log(`renamed project ${renamed.id} to '${renamed.name}'`);
          return 0;
        }
        case 'delete': {
          const project = await findProject(session, args[0]);
          if (values.yes !== true) throw new UsageError(`deleting '${project.name}' removes its datasets, runs, adapters, generations and its folder: add --yes to confirm`);
          await session.call('projects.delete', { projectId: project.id, confirm: true });
          console.log(`deleted project '${project.name}' and its folder`);
          return 0;
        }
        default:
          throw new UsageError(`unknown action '${action ?? ''}': list, create, rename or delete`);
      }
    } finally {
      await session.close();
    }
  },
};
