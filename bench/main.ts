// `npm run bench`: emulator speed on CPU-bound guests, with QEMU measured in the same run
// as the baseline when it is installed. Prints a table and writes .bench/results.json.
// Speed is never asserted in tests; compare these figures over time instead.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KVM_EXIT_DEBUG, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_HW, KVM_GUESTDBG_USE_SW_BP } from '../src/kvm';
import { GuestMachine } from '../src/vmm/guestMachine';
import { measureDap } from './dapBench';
import { median } from './median';

const ROOT = path.join(__dirname, '..');
const GUESTS = ['integer-loops', 'call-heavy', 'string-routines', 'floating-point'];
const guestPath = (name: string) => path.join(__dirname, '..', 'bench', 'guests', `${name}.elf`);
const BRK_0 = Uint8Array.of(0x00, 0x00, 0x20, 0xd4);

interface GuestRun { instructions: number; seconds: number; output: string; status: number }

/** Which execution tier runs the guest: the interpreter alone, or with the block compiler. */
type Tier = 'interpreter' | 'blockCompiler';

/** Runs a guest to its end. */
function runInProcess(name: string, prepare?: (m: GuestMachine) => void, tier: Tier = 'blockCompiler'): GuestRun {
  const elf = new Uint8Array(fs.readFileSync(guestPath(name)));
  let output = '';
  const started = process.hrtime.bigint();
  const machine = new GuestMachine(elf, { output: (d) => { output += Buffer.from(d).toString('latin1'); } });
  // A new machine compiles blocks already; turning the tier on again would rebuild its engine.
  if (tier === 'interpreter') machine.vcpu.cpu.setBlockCompilation(false);
  prepare?.(machine);
  let status: number;
  for (;;) {
    const r = machine.runSlice(10_000_000);
    if (r.kind === 'budget') continue;
    if (r.kind === 'exited') { status = r.status; break; }
    throw new Error(`${name}: ${r.kind === 'error' ? r.message : 'unexpected debug exit'}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { instructions: machine.instructions, seconds, output, status };
}

const STARTUP_INSTRUCTIONS = 10_000_000;
const UNHIT_BREAKPOINT_PAIRS = 7;

/** Fresh processes per startup figure: one process's figure moves by ±10 % with what V8's compiler threads meet. */
const STARTUP_PROCESSES = 5;

/** The command line as shipped: dist/cli.js starts its bundle through V8's code cache (src/launcher). */
const CLI = path.join(__dirname, 'cli.js');

/**
 * MIPS over a guest's first 10 million instructions (its whole run when shorter) in a fresh
 * process of the command line, as `run --stats` reports it (loading the program included) -
 * the issue's "startup tier-up" figure. `cacheHome` replaces XDG_CACHE_HOME (where the code
 * cache is kept).
 */
function startupMipsOnce(name: string, cacheHome?: string): number | undefined {
  const env = cacheHome === undefined ? process.env : { ...process.env, XDG_CACHE_HOME: cacheHome };
  const args = [CLI, 'run', guestPath(name), '--max-instructions', String(STARTUP_INSTRUCTIONS), '--stats'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000, env });
  const mips = /mips=([\d.]+)/.exec(r.stderr ?? '')?.[1];
  return mips === undefined ? undefined : Number(mips);
}

interface StartupFigures {
  /** With the code cache a first run left (every start after the first). */
  cached: { median: number; runs: number[] };
  /** With an empty code cache (the first start after installing or updating). */
  uncached: { median: number; runs: number[] };
}

/** Medians of STARTUP_PROCESSES fresh processes with the code cache, and as many with none. */
function startupMips(name: string): StartupFigures | undefined {
  startupMipsOnce(name); // writes the code cache when there is none for this build yet
  const cached: number[] = [];
  const uncached: number[] = [];
  for (let i = 0; i < STARTUP_PROCESSES; i++) {
    const emptyCache = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
    const withCache = startupMipsOnce(name);
    const withoutCache = startupMipsOnce(name, emptyCache);
    fs.rmSync(emptyCache, { recursive: true, force: true });
    if (withCache === undefined || withoutCache === undefined) return undefined;
    cached.push(withCache);
    uncached.push(withoutCache);
  }
  return { cached: { median: median(cached), runs: cached }, uncached: { median: median(uncached), runs: uncached } };
}

function qemuSeconds(elf: string): number | undefined {
  const probe = spawnSync('qemu-system-aarch64', ['--version']);
  if (probe.status !== 0) return undefined;
  const started = process.hrtime.bigint();
  const r = spawnSync('qemu-system-aarch64', ['-M', 'virt', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', elf], { timeout: 120_000 });
  if (r.status === null) return undefined;
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** A host watchpoint (read/write, EL0/EL1) on a doubleword of RAM the bench guests never touch. */
function watchUnusedDoubleword(m: GuestMachine): void {
  const slots = (values: bigint[]) => [...values, ...new Array<bigint>(16 - values.length).fill(0n)];
  const wcr = BigInt((0xff << 5) | (3 << 3) | (3 << 1) | 1);
  m.vcpu.setGuestDebug({
    control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW,
    arch: { dbgBcr: slots([]), dbgBvr: slots([]), dbgWcr: slots([wcr]), dbgWvr: slots([0x4ff0_0000n]) },
  });
}

/** Addresses inside the program's code that the guest never executes. */
function unexecutedCodeAddresses(name: string, count: number): number[] {
  const elf = new Uint8Array(fs.readFileSync(guestPath(name)));
  const machine = new GuestMachine(elf, { output: () => undefined });
  while (machine.runSlice(10_000_000).kind === 'budget');
  const text = machine.vm.image!.elf.loadSegments.find((s) => s.executable)!;
  const found: number[] = [];
  for (let a = text.physicalAddress; a < text.physicalAddress + text.fileSize && found.length < count; a += 4) {
    if (!machine.vcpu.cpu.isDecoded(a)) found.push(a);
  }
  return found;
}

function singleStepRate(name: string, steps: number): number {
  const elf = new Uint8Array(fs.readFileSync(guestPath(name)));
  const machine = new GuestMachine(elf, { output: () => undefined });
  machine.vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP });
  const started = process.hrtime.bigint();
  let exits = 0;
  while (exits < steps) {
    const r = machine.runSlice(1000);
    if (r.kind === 'debug' && r.run.exitReason === KVM_EXIT_DEBUG) exits++;
    else if (r.kind !== 'budget') break;
  }
  return exits / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const rows: string[] = [];
  const qemuBaseline = qemuSeconds(guestPath('string-routines'));
  if (qemuBaseline === undefined) console.log('qemu-system-aarch64 not installed: no QEMU baseline in this run');
  rows.push(`${'guest'.padEnd(16)} ${'insns'.padStart(11)}  ${'interpreter'.padStart(22)}  ${'block compiler'.padStart(22)}  ${'startup (no code cache)'.padStart(23)}` +
    (qemuBaseline === undefined ? '' : '   qemu (block compiler / qemu)'));
  for (const name of GUESTS) {
    const startup = startupMips(name);
    const tiers = {} as Record<Tier, { seconds: number; mips: number; ratioToQemu?: number }>;
    let run: GuestRun | undefined;
    for (const tier of ['interpreter', 'blockCompiler'] as const) {
      runInProcess(name, undefined, tier); // warm-up: V8 tiers up the interpreter and the dispatcher
      run = runInProcess(name, undefined, tier);
      tiers[tier] = { seconds: run.seconds, mips: run.instructions / run.seconds / 1e6 };
    }
    const qemu = qemuSeconds(guestPath(name));
    if (qemu) for (const t of Object.values(tiers)) t.ratioToQemu = t.seconds / qemu;
    const { interpreter, blockCompiler } = tiers;
    results[name] = {
      instructions: run!.instructions, status: run!.status, qemuSeconds: qemu,
      startupMips: startup?.cached.median, startupMipsRuns: startup?.cached.runs,
      startupMipsNoCodeCache: startup?.uncached.median, startupMipsNoCodeCacheRuns: startup?.uncached.runs,
      interpreter, blockCompiler,
      // The block compiler is the default tier: these keep the earlier single-tier fields comparable.
      seconds: blockCompiler.seconds, mips: blockCompiler.mips, ratioToQemu: blockCompiler.ratioToQemu,
    };
    const tierText = (t: { seconds: number; mips: number }) => `${t.seconds.toFixed(3).padStart(7)} s ${t.mips.toFixed(1).padStart(7)} MIPS`;
    rows.push(`${name.padEnd(16)} ${String(run!.instructions).padStart(11)}  ${tierText(interpreter)}  ${tierText(blockCompiler)}  ` +
      `${startup === undefined ? '-'.padStart(23) : `${startup.cached.median.toFixed(1).padStart(6)} MIPS (${startup.uncached.median.toFixed(1).padStart(6)} MIPS)`}` +
      (qemu ? `   ${qemu.toFixed(3)} s (${blockCompiler.ratioToQemu!.toFixed(1)}x qemu, interpreter ${interpreter.ratioToQemu!.toFixed(1)}x)` : ''));
  }
  const breakpoints = unexecutedCodeAddresses('integer-loops', 1000);
  const patch = (m: GuestMachine) => {
    m.vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP });
    for (const a of breakpoints) m.vm.writeMemory(BigInt(a), BRK_0);
  };
  // Alternating runs, medians compared: one pair of ~0.1 s runs differs by a few percent on noise alone.
  const baseRuns: number[] = [];
  const patchedRuns: number[] = [];
  for (let i = 0; i < UNHIT_BREAKPOINT_PAIRS; i++) {
    const base = runInProcess('integer-loops');
    baseRuns.push(base.instructions / base.seconds / 1e6);
    const patched = runInProcess('integer-loops', patch);
    patchedRuns.push(patched.instructions / patched.seconds / 1e6);
  }
  const baseMips = median(baseRuns);
  const patchedMips = median(patchedRuns);
  results.unhitBreakpoints = { count: breakpoints.length, baseMips, patchedMips, cost: 1 - patchedMips / baseMips };
  rows.push(`${breakpoints.length} unhit breakpoints: ${patchedMips.toFixed(1)} MIPS vs ${baseMips.toFixed(1)} MIPS without (${((1 - patchedMips / baseMips) * 100).toFixed(1)} % cost)`);
  const watchedMips = median(Array.from({ length: 3 }, () => {
    const run = runInProcess('integer-loops', watchUnusedDoubleword);
    return run.instructions / run.seconds / 1e6;
  }));
  results.unhitWatchpoint = { baseMips, watchedMips, cost: 1 - watchedMips / baseMips };
  rows.push(`1 unhit watchpoint (data breakpoint): ${watchedMips.toFixed(1)} MIPS (${((1 - watchedMips / baseMips) * 100).toFixed(1)} % cost)`);
  const stepRate = singleStepRate('integer-loops', 200_000);
  results.singleStepExitsPerSecond = stepRate;
  rows.push(`single-step exits through Vcpu.run: ${Math.round(stepRate)} per second`);
  const dap = await measureDap(path.join(ROOT, 'test', 'guests', 'sample', 'hello.elf'), path.join(ROOT, 'test', 'reliability', 'guests', 'infinite-loop.elf'));
  results.dap = dap;
  rows.push(`DAP instruction steps (stepIn + stackTrace): ${Math.round(dap.instructionStepsPerSecond)} per second`);
  rows.push(`launch to first stop: ${dap.launchToFirstStopMs.toFixed(0)} ms (${dap.launchProgramBytes} byte ELF)`);
  const large = dap.largeDwarf;
  rows.push(`launch to first stop, ${(large.programBytes / 1e6).toFixed(1)} MB ELF with DWARF (median of ${large.stopOnEntryMs.length}): ` +
    `stopOnEntry ${large.stopOnEntryMedianMs.toFixed(0)} ms, runToEntryPoint main + 1 breakpoint ${large.runToMainWithBreakpointMedianMs.toFixed(0)} ms; ` +
    `then stackTrace + scopes + variables ${large.stopOnEntryFirstViewsMedianMs.toFixed(0)} ms / ${large.runToMainFirstViewsMedianMs.toFixed(0)} ms`);
  rows.push(`pause of a spinning guest answered in ${dap.pauseLatencyMs.toFixed(1)} ms`);
  rows.push(`resident memory with a 1 GiB guest that touched 10 MB: ${dap.residentMiBWith1GiBGuest.toFixed(0)} MiB`);
  console.log(rows.join('\n'));
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync(path.join('.bench', 'results.json'), JSON.stringify(results, null, 2));
}

main().catch((e: Error) => { console.error(e.message); process.exitCode = 1; });
