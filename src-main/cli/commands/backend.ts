import type { Command } from '../command';
import { engineFromFlags, engineHelp, engineOptions } from '../engine-options';

/** `styleinject backend`: which compute backend the engine gets here, and why. */
export const backendCommand: Command = {
  name: 'backend',
  summary: 'start the compute backend and print the one-line report (for bug reports)',
  usage: '[--json] [--all] [--backend <name>] [--threads <n>]',
  options: { ...engineOptions, json: { type: 'boolean' }, all: { type: 'boolean' } },
  help: ['--json             print the report as JSON', '--all              also start every backend and say which work here', ...engineHelp],
  async run(values) {
    const engine = engineFromFlags(values);
    const status = await engine.backend({ probeAll: values.all === true });
    if (values.json) {
      console.log(JSON.stringify(status));
      return 0;
    }
    console.log(status.line);
    for (const p of status.probes ?? []) console.log(`  ${p.name.padEnd(15)}${p.ok ? 'works' : 'unavailable'}: ${p.detail}`);
    return 0;
  },
};
