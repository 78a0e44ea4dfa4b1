// The benchmark guests (gcc -O2 C with picolibc: loops, calls through pointers,
// printf, string routines, floating point) run on an interpreter-only machine and on
// one with the block compiler, in lockstep slices of an odd size; registers, NZCV, PC,
// counts and all of RAM must match after every slice, and the console output at the end.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { GuestMachine } from '../../../src/vmm/guestMachine';
import { assertSameState } from './tierComparison';

const GUESTS = ['integer-loops', 'call-heavy', 'string-routines', 'floating-point'];
const SLICE = 99_991;
/** Instructions compared per guest (the whole run when the guest ends sooner). */
const LIMIT = 3_000_000;

describe('block compiler: benchmark guests in lockstep with the interpreter', function () {
  this.timeout(180_000);

  for (const name of GUESTS) {
    const elfPath = path.join(__dirname, '..', '..', '..', 'bench', 'guests', `${name}.elf`);
    it(`${name} gives the same state after every slice`, function () {
      if (!fs.existsSync(elfPath)) {
        console.log(`      (skipped: ${elfPath} is not built; run bench/guests/build.sh)`);
        this.skip();
      }
      const elf = new Uint8Array(fs.readFileSync(elfPath));
      const outputs = ['', ''];
      const machines = [0, 1].map((i) => new GuestMachine(elf, { memoryMiB: 32, output: (d) => { outputs[i] += Buffer.from(d).toString('latin1'); } }));
      machines[0].vcpu.cpu.setBlockCompilation(false);
      for (let done = 0; done < LIMIT; done += SLICE) {
        const results = machines.map((m) => m.runSlice(SLICE));
        assertSameState(machines[0].vcpu.cpu, machines[1].vcpu.cpu, `${name} after ${machines[0].instructions} instructions`);
        assert.deepStrictEqual(results[1], results[0]);
        if (results[0].kind !== 'budget') break;
      }
      assert.strictEqual(outputs[1], outputs[0]);
      assert.ok(machines[1].vcpu.cpu.blockCompilerStats!.blocksCompiled > 0, 'blocks were compiled');
    });
  }
});
