// Differential test against QEMU (TCG, -cpu cortex-a57): thousands of random SIMD&FP
// instructions with random register contents, FPCR modes and special values run in a
// bare-metal guest under qemu-system-aarch64 and on this CPU; every V register, X0-X27,
// FPSR and NZCV must agree bit for bit. Skips when the cross compiler or QEMU is missing.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { disassemble } from '../../../src/arch/disassembler';
import { Cpu, Stop } from '../../../src/arch/cpu';
import { CODE_BASE, makeCpu } from '../../support/cpuHarness';
import { DifferentialCase, GUEST_LINKER_SCRIPT, RESULT_BYTES, generateCases, guestAssembly } from './differentialCases';

const SEED = 20260901;
const CASES_PER_LINE = 80;

function available(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Builds and runs the guest under QEMU; returns its console output. */
function runUnderQemu(cases: DifferentialCase[]): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simdfp-qemu-'));
  try {
    fs.writeFileSync(path.join(dir, 'guest.S'), guestAssembly(cases));
    fs.writeFileSync(path.join(dir, 'guest.ld'), GUEST_LINKER_SCRIPT);
    const build = spawnSync('aarch64-linux-gnu-gcc', ['-nostdlib', '-static', '-Wl,-T,guest.ld', '-Wl,--build-id=none',
      '-Wl,--no-warn-rwx-segments', '-o', 'guest.elf', 'guest.S'], { cwd: dir });
    if (build.status !== 0) throw new Error(`assembling the guest failed: ${build.stderr}`);
    const run = spawnSync('qemu-system-aarch64', ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '128M', '-display', 'none',
      '-monitor', 'none', '-no-reboot', '-chardev', 'stdio,id=console,mux=on', '-serial', 'chardev:console',
      '-semihosting-config', 'enable=on,target=native,chardev=console', '-kernel', 'guest.elf'],
    { cwd: dir, timeout: 120_000, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    if (run.status !== 0) throw new Error(`QEMU exited with ${run.status}: ${run.stderr}`);
    return run.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** This CPU's register dump for a case, in the guest's layout (one CPU reused for all cases). */
function runHere(cpu: Cpu, c: DifferentialCase): Buffer {
  cpu.ram.setUint32(0, c.word, true);
  cpu.invalidateCode(CODE_BASE, 4);
  cpu.pc = CODE_BASE;
  c.v.forEach((q, i) => { cpu.V64[i] = q; });
  c.x.forEach((q, i) => { cpu.X[i] = q; });
  cpu.fpcr = c.fpcr;
  cpu.fpsr = 0;
  cpu.nzcv = c.nzcv;
  const stop = cpu.run(1);
  assert.strictEqual(stop, Stop.Budget, `${disassemble(c.word, 0)} did not complete`);
  assert.strictEqual(cpu.pc, CODE_BASE + 4, `${disassemble(c.word, 0)} took an exception`);
  const out = Buffer.alloc(RESULT_BYTES);
  for (let i = 0; i < 64; i++) out.writeBigUInt64LE(cpu.V64[i], 8 * i);
  for (let i = 0; i < 28; i++) out.writeBigUInt64LE(cpu.X[i], 512 + 8 * i);
  out.writeBigUInt64LE(BigInt(cpu.fpsr), 736);
  out.writeBigUInt64LE(BigInt(cpu.nzcv), 744);
  return out;
}

function describe64(buffer: Buffer, offset: number): string {
  return buffer.readBigUInt64LE(offset).toString(16).padStart(16, '0');
}

function differences(qemu: Buffer, ours: Buffer): string[] {
  const found: string[] = [];
  const name = (i: number) => (i < 64 ? `v${i >> 1}.d[${i & 1}]` : i < 92 ? `x${i - 64}` : i === 92 ? 'fpsr' : 'nzcv');
  for (let i = 0; i < RESULT_BYTES / 8; i++) {
    if (!qemu.subarray(8 * i, 8 * i + 8).equals(ours.subarray(8 * i, 8 * i + 8))) {
      found.push(`${name(i)}: qemu ${describe64(qemu, 8 * i)} ours ${describe64(ours, 8 * i)}`);
    }
  }
  return found;
}

describe('simdFp: differential test against QEMU', function () {
  this.timeout(300_000);

  it(`agrees with qemu-system-aarch64 on random instructions (${CASES_PER_LINE} per table line)`, function () {
    const missing = ['aarch64-linux-gnu-gcc', 'qemu-system-aarch64'].filter((tool) => !available(tool));
    if (missing.length > 0) {
      console.log(`    (skipped: ${missing.join(' and ')} not found)`);
      this.skip();
    }
    const cases = generateCases(SEED, CASES_PER_LINE);
    const qemu = runUnderQemu(cases);
    assert.strictEqual(qemu.length, cases.length * RESULT_BYTES, 'QEMU wrote every case');
    const reports: string[] = [];
    let failures = 0;
    const cpu = makeCpu([0]);
    cases.forEach((c, i) => {
      const diff = differences(qemu.subarray(i * RESULT_BYTES, (i + 1) * RESULT_BYTES), runHere(cpu, c));
      if (diff.length === 0) return;
      failures++;
      if (reports.length < 10) {
        reports.push(`${c.word.toString(16).padStart(8, '0')} ${disassemble(c.word, 0)} (fpcr ${c.fpcr.toString(16)}): ${diff.join('; ')}`);
      }
    });
    assert.deepStrictEqual(reports, [], `${failures} of ${cases.length} cases differ`);
  });
});
