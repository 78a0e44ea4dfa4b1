// `arm64-guest run PROG.elf`: runs a guest to completion, its console on stdout.

import * as fs from 'fs';
import { GuestMachine } from '../vmm/guestMachine';
import { parseMemorySize } from '../machine/virtBoard';
import { ElfLoadError } from '../machine/elfImage';
import { OutputBuffer } from './outputBuffer';

export const EXIT_TIMEOUT = 124;
const SLICE = 5_000_000;

export interface RunOptions {
  program: string;
  memory?: string;
  maxInstructions?: number;
  stats: boolean;
  hostFolder?: string;
  args: string[];
}

export function parseRunArguments(argv: string[]): RunOptions {
  const options: RunOptions = { program: '', stats: false, args: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--') { options.args = argv.slice(i + 1); break; }
    else if (arg === '--memory') options.memory = value();
    else if (arg === '--max-instructions') {
      const n = Number(value());
      if (!Number.isSafeInteger(n) || n <= 0) throw new Error('--max-instructions needs a positive integer');
      options.maxInstructions = n;
    } else if (arg === '--stats') options.stats = true;
    else if (arg === '--host-folder') options.hostFolder = value();
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (!options.program) options.program = arg;
    else throw new Error(`unexpected argument ${arg} (guest arguments go after --)`);
  }
  if (!options.program) throw new Error('no program given');
  return options;
}

/** The program file's bytes, or an error that names the file and what is wrong with it. */
function readProgram(program: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(program));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new Error(`cannot read program '${program}': ${reason}`);
  }
}

/** Runs the guest; returns the process exit status. */
export function runGuest(options: RunOptions): number {
  const elf = readProgram(options.program);
  const memoryBytes = options.memory ? parseMemorySize(options.memory) : undefined;
  if (memoryBytes !== undefined && memoryBytes % (1024 * 1024) !== 0) throw new Error(`--memory ${options.memory} is not a whole number of MiB`);
  const out = new OutputBuffer();
  // --stats times the whole run, from loading the program into a new machine.
  const started = process.hrtime.bigint();
  let machine: GuestMachine;
  try {
    machine = new GuestMachine(elf, {
      memoryMiB: memoryBytes === undefined ? undefined : memoryBytes / (1024 * 1024),
      args: options.args,
      programPath: options.program,
      hostFolder: options.hostFolder,
      output: (data, stream) => out.write(data, stream),
    });
  } catch (e) {
    if (e instanceof ElfLoadError) throw new Error(`cannot load program '${options.program}': ${e.message}`);
    throw e;
  }
  let status: number;
  for (;;) {
    const left = options.maxInstructions === undefined ? SLICE : Math.min(SLICE, options.maxInstructions - machine.instructions);
    if (left <= 0) {
      out.flush();
      process.stderr.write(`arm64-guest: the guest did not finish within ${options.maxInstructions} instructions (pc 0x${machine.vcpu.cpu.pc.toString(16)})\n`);
      status = EXIT_TIMEOUT;
      break;
    }
    const result = machine.runSlice(left);
    if (result.kind === 'budget') { out.flush(); continue; }
    out.flush();
    if (result.kind === 'exited') { status = result.status & 0xff; break; }
    if (result.kind === 'error') {
      process.stderr.write(`arm64-guest: ${result.message}\n`);
      status = 1;
      break;
    }
    // Without a debugger attached no debug exit is requested; one here means a model bug.
    process.stderr.write(`arm64-guest: unexpected debug exit (ESR 0x${result.run.debug?.arch.hsr.toString(16)})\n`);
    status = 1;
    break;
  }
  machine.dispose();
  if (options.stats) {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const mips = machine.instructions / seconds / 1e6;
    process.stderr.write(`instructions=${machine.instructions} seconds=${seconds.toFixed(3)} mips=${mips.toFixed(1)}\n`);
  }
  return status;
}
