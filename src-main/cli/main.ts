// The styleinject command line: bin/styleinject.mjs runs this file through tsx.
import { commands } from './registry';
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), commands);
