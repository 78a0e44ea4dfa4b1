// The `arm64-guest` command line: run a guest, or debug one in batch.

import { parseRunArguments, runGuest } from './runCommand';

// The debugger and its DAP session are loaded only for `debug`: `run` starts sooner without them.
type DebugCommand = typeof import('./debugCommand');

const USAGE = `usage:
  arm64-guest run PROG.elf [--memory 256M] [--max-instructions N] [--stats] [--host-folder DIR] [-- ARGS...]
  arm64-guest debug PROG.elf [--break FILE:LINE|FUNC]... [--eval EXPR]... [--step N]`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'run') return runGuest(parseRunArguments(rest));
    if (command === 'debug') {
      const { parseDebugArguments, runDebugCommand } = require('./debugCommand') as DebugCommand;
      // Asynchronous: the exit code is set when the session ends.
      runDebugCommand(parseDebugArguments(rest)).then(
        (status) => { process.exitCode = status; },
        (e: Error) => { process.stderr.write(`arm64-guest: ${e.message}\n`); process.exitCode = 2; },
      );
      return 0;
    }
    if (command === '--help' || command === '-h' || command === undefined) {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    throw new Error(`unknown command '${command}'`);
  } catch (e) {
    process.stderr.write(`arm64-guest: ${(e as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
