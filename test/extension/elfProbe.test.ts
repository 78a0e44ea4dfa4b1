import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { hasAarch64ElfIdentification, probeProgram } from '../../src/extension/elfProbe';
import { repoRoot } from '../support/repoRoot';

describe('extension: which files are programs to debug', () => {
  const example = (name: string) => new Uint8Array(fs.readFileSync(path.join(repoRoot(), 'examples', name)));

  it('accepts the example C program and finds its main', () => {
    const bytes = example('sum.elf');
    assert.strictEqual(hasAarch64ElfIdentification(bytes), true);
    assert.deepStrictEqual(probeProgram(bytes), { runnable: true, hasMain: true });
  });

  it('accepts the assembly example, which has no main', () => {
    assert.deepStrictEqual(probeProgram(example('countdown.elf')), { runnable: true, hasMain: false });
  });

  it('refuses a text file and an ELF for another machine, saying why', () => {
    const text = new Uint8Array(Buffer.from('int main(void) { return 0; }\n'));
    assert.strictEqual(hasAarch64ElfIdentification(text), false);
    const probe = probeProgram(text);
    assert.strictEqual(probe.runnable, false);
    assert.match(!probe.runnable ? probe.reason : '', /not an ELF/);

    const x86 = new Uint8Array(example('sum.elf'));
    x86[18] = 62; // e_machine = EM_X86_64
    x86[19] = 0;
    assert.strictEqual(hasAarch64ElfIdentification(x86), false);
    const refused = probeProgram(x86);
    assert.strictEqual(refused.runnable, false);
    assert.match(!refused.runnable ? refused.reason : '', /x86-64.*expected AArch64/);
  });

  it('needs all 20 identification bytes', () => {
    assert.strictEqual(hasAarch64ElfIdentification(example('sum.elf').subarray(0, 19)), false);
    assert.strictEqual(hasAarch64ElfIdentification(example('sum.elf').subarray(0, 20)), true);
  });
});
