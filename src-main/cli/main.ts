// The styleinject command line: bin/styleinject.mjs runs this file through tsx.
import { commands } from './registry';
import { runCli } from './run-cli';

// `styleinject params | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), commands);
