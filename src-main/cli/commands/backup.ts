import { UsageError, type Command } from '../command';
import { dataDirHelp, dataDirOption, openStudioSession } from '../studio-session';

/** `styleinject backup`: a consistent copy of the studio's database (SQLite's online backup). */
export const backupCommand: Command = {
  name: 'backup',
  summary: "copy the studio's database consistently (SQLite online backup); copy the project folders beside it",
  usage: '--out <file.sqlite> [--data-dir <path>]',
  options: { ...dataDirOption, out: { type: 'string' } },
  help: ['--out <file>         where the copy goes (it appears only when complete)', dataDirHelp],
  async run(values) {
    if (typeof values.out !== 'string') throw new UsageError('--out is required');
    const session = openStudioSession(values);
    try {
      const { path } = await session.call('app.backup', { to: values.out });
      console.log(`${path}  (the database of ${session.dataDir}; the project folders are in its projects/)`);
      return 0;
    } finally {
      await session.close();
    }
  },
};
