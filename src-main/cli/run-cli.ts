import { parseArgs } from 'node:util';
import { EngineError, type EngineErrorCode } from '../engine';
import { UsageError, type Command, type OptionValues } from './command';

const program = 'styleinject';

/** Runs one command line (without node and script) and resolves to the exit code. */
export async function runCli(argv: string[], commands: Command[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands.find((c) => c.name === topic);
    if (topic !== undefined && !command) return unknownCommand(topic, commands);
    console.log(command ? commandHelp(command) : overview(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) return unknownCommand(name, commands);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command));
    return 0;
  }

  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: command.positionals ?? false, strict: true });
    return await command.run(values as OptionValues, positionals);
  } catch (error) {
    const e = error as Error & { code?: string };
    if (error instanceof UsageError || e.code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${program} ${command.name}: ${e.message}\nusage: ${program} ${command.name} ${command.usage}`);
      return 2;
    }
    console.error(`${program} ${command.name}: ${e.message ?? String(error)}`);
    return error instanceof EngineError ? EXIT_CODES[error.code] : 1;
  }
}

/** 2: the input was wrong (fix it and run again); 1: the job failed; 130: cancelled, as after Ctrl-C. */
const EXIT_CODES: Record<EngineErrorCode, number> = {
  'bad-input': 2,
  'not-found': 2,
  unsupported: 2,
  'out-of-memory': 1,
  'disk-full': 1,
  cancelled: 130,
  'engine-stopped': 1,
  internal: 1,
};

function unknownCommand(name: string, commands: Command[]): number {
  console.error(`${program}: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}. Try '${program} --help'.`);
  return 2;
}

function overview(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `usage: ${program} <command> [options]`,
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `'${program} <command> --help' describes a command's options.`,
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [`usage: ${program} ${command.name} ${command.usage}`, '', command.summary, '', ...command.help.map((h) => `  ${h}`)].join('\n');
}
