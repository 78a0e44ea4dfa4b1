// `npm run bench`: emulator speed on CPU-bound guests, with QEMU measured in the same run
// as the baseline when it is installed. Prints a table and writes .bench/results.json.
// Speed is never asserted in tests; compare these figures over time instead.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { KVM_EXIT_DEBUG, KVM_GUESTDBG_ENABLE, KVM_GUESTDBG_SINGLESTEP, KVM_GUESTDBG_USE_SW_BP } from '../src/kvm';
import { GuestMachine } from '../src/vmm/guestMachine';

const GUESTS = ['integer-loops', 'call-heavy', 'string-routines', 'floating-point'];
const guestPath = (name: string) => path.join(__dirname, '..', 'bench', 'guests', `${name}.elf`);
const BRK_0 = Uint8Array.of(0x00, 0x00, 0x20, 0xd4);

interface GuestRun { instructions: number; seconds: number; output: string; status: number }

function runInProcess(name: string, prepare?: (m: GuestMachine) => void): GuestRun {
  const elf = new Uint8Array(fs.readFileSync(guestPath(name)));
  let output = '';
  const started = process.hrtime.bigint();
  const machine = new GuestMachine(elf, { output: (d) => { output += Buffer.from(d).toString('latin1'); } });
  prepare?.(machine);
  let status = -1;
  for (;;) {
    const r = machine.runSlice(10_000_000);
    if (r.kind === 'budget') continue;
    if (r.kind === 'exited') { status = r.status; break; }
    throw new Error(`${name}: ${r.kind === 'error' ? r.message : 'unexpected debug exit'}`);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { instructions: machine.instructions, seconds, output, status };
}

function qemuSeconds(elf: string): number | undefined {
  const probe = spawnSync('qemu-system-aarch64', ['--version']);
  if (probe.status !== 0) return undefined;
  const started = process.hrtime.bigint();
  const r = spawnSync('qemu-system-aarch64', ['-M', 'virt', '-cpu', 'cortex-a57', '-nographic', '-semihosting', '-kernel', elf], { timeout: 120_000 });
  if (r.status === null) return undefined;
  return Number(process.hrtime.bigint() - started) / 1e9;
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

function main(): void {
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version };
  const rows: string[] = [];
  const qemuBaseline = qemuSeconds(guestPath('string-routines'));
  if (qemuBaseline === undefined) console.log('qemu-system-aarch64 not installed: no QEMU baseline in this run');
  for (const name of GUESTS) {
    runInProcess(name); // warm-up: V8 tiers up the interpreter
    const run = runInProcess(name);
    const qemu = qemuSeconds(guestPath(name));
    const mips = run.instructions / run.seconds / 1e6;
    const ratio = qemu ? run.seconds / qemu : undefined;
    results[name] = { instructions: run.instructions, seconds: run.seconds, mips, qemuSeconds: qemu, ratioToQemu: ratio, status: run.status };
    rows.push(`${name.padEnd(16)} ${String(run.instructions).padStart(11)} insns  ${run.seconds.toFixed(3).padStart(7)} s  ${mips.toFixed(1).padStart(7)} MIPS` +
      (qemu ? `   qemu ${qemu.toFixed(3)} s   ${ratio!.toFixed(1)}x qemu` : ''));
  }
  const breakpoints = unexecutedCodeAddresses('integer-loops', 1000);
  const base = runInProcess('integer-loops');
  const patched = runInProcess('integer-loops', (m) => {
    m.vcpu.setGuestDebug({ control: KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP });
    for (const a of breakpoints) m.vm.writeMemory(BigInt(a), BRK_0);
  });
  const baseMips = base.instructions / base.seconds / 1e6;
  const patchedMips = patched.instructions / patched.seconds / 1e6;
  results.unhitBreakpoints = { count: breakpoints.length, baseMips, patchedMips, cost: 1 - patchedMips / baseMips };
  rows.push(`${breakpoints.length} unhit breakpoints: ${patchedMips.toFixed(1)} MIPS vs ${baseMips.toFixed(1)} MIPS without (${((1 - patchedMips / baseMips) * 100).toFixed(1)} % cost)`);
  const stepRate = singleStepRate('integer-loops', 200_000);
  results.singleStepExitsPerSecond = stepRate;
  rows.push(`single-step exits through Vcpu.run: ${Math.round(stepRate)} per second`);
  console.log(rows.join('\n'));
  fs.mkdirSync('.bench', { recursive: true });
  fs.writeFileSync(path.join('.bench', 'results.json'), JSON.stringify(results, null, 2));
}

main();
