import type { Command } from './command';
import { backendCommand } from './commands/backend';
import { backupCommand } from './commands/backup';
import { datasetCommand } from './commands/dataset';
import { generateCommand } from './commands/generate';
import { paramsCommand } from './commands/params';
import { projectCommand } from './commands/project';
import { routerStudyCommand } from './commands/router-study';
import { trainCommand } from './commands/train';

/** Every subcommand, in help order. Adding one: a file under commands/ and one line here. */
export const commands: Command[] = [
  backendCommand,
  generateCommand,
  trainCommand,
  paramsCommand,
  routerStudyCommand,
  projectCommand,
  datasetCommand,
  backupCommand,
];
