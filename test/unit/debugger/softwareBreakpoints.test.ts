import * as assert from 'assert';
import { BRK_0, SoftwareBreakpointPatches } from '../../../src/debugger/softwareBreakpoints';
import { FakeVm } from './fakeTarget';

const BASE = 0x4000_0000n;

function setup() {
  const vm = new FakeVm(BASE, 0x100);
  for (let i = 0; i < 0x100; i++) vm.bytes[i] = (i * 7 + 3) & 0xff;
  const pristine = vm.bytes.slice();
  return { vm, pristine, patches: new SoftwareBreakpointPatches(() => vm) };
}

describe('software breakpoints (BRK #0 patches)', () => {
  it('plants BRK #0 and restores the original words byte for byte', () => {
    const { vm, pristine, patches } = setup();
    assert.deepStrictEqual(patches.sync([0x4000_0010, 0x4000_0020]), []);
    assert.strictEqual(vm.word(BASE + 0x10n), BRK_0);
    assert.strictEqual(vm.word(BASE + 0x20n), BRK_0);
    assert.strictEqual(patches.originalWord(0x4000_0010), 0x8881_7a73);
    patches.sync([0x4000_0020]);
    assert.deepStrictEqual(vm.bytes.subarray(0x10, 0x14), pristine.subarray(0x10, 0x14), 'a removed breakpoint restores its word');
    patches.removeAll();
    assert.deepStrictEqual(vm.bytes, pristine);
  });

  it('refuses misaligned addresses and addresses outside RAM', () => {
    const { patches } = setup();
    assert.deepStrictEqual(patches.sync([0x4000_0012, 0x5000_0000, 0x4000_0004]), [0x4000_0012, 0x5000_0000]);
    assert.deepStrictEqual(patches.addresses, [0x4000_0004]);
  });

  it('shows the user the original bytes, also for reads that cover part of a patched word', () => {
    const { vm, pristine, patches } = setup();
    patches.sync([0x4000_0010]);
    assert.deepStrictEqual(patches.readUserView(BASE + 0xcn, 8), pristine.slice(0xc, 0x14));
    assert.deepStrictEqual(patches.readUserView(BASE + 0x12n, 4), pristine.slice(0x12, 0x16));
    assert.strictEqual(vm.word(BASE + 0x10n), BRK_0, 'reading does not unpatch');
  });

  it('keeps a guest store over a patched word as the new original', () => {
    const { vm, patches } = setup();
    patches.sync([0x4000_0010]);
    vm.setWord(BASE + 0x10n, 0xd503_201f); // the guest writes a NOP over its own code
    patches.revalidate();
    assert.strictEqual(patches.originalWord(0x4000_0010), 0xd503_201f);
    assert.strictEqual(vm.word(BASE + 0x10n), BRK_0, 'the breakpoint is planted again');
    patches.removeAll();
    assert.strictEqual(vm.word(BASE + 0x10n), 0xd503_201f);
  });

  it('does not put back an original over a word the guest replaced before removal', () => {
    const { vm, patches } = setup();
    patches.sync([0x4000_0010]);
    vm.setWord(BASE + 0x10n, 0x1234_5678);
    patches.removeAll();
    assert.strictEqual(vm.word(BASE + 0x10n), 0x1234_5678);
  });

  it('writes from the user land in the saved original and leave the BRK planted', () => {
    const { vm, patches } = setup();
    patches.sync([0x4000_0010]);
    patches.writeUserView(BASE + 0xen, Uint8Array.of(0xaa, 0xbb, 0xcc, 0xdd));
    assert.strictEqual(vm.word(BASE + 0x10n), BRK_0);
    assert.deepStrictEqual([...patches.readUserView(BASE + 0xen, 4)], [0xaa, 0xbb, 0xcc, 0xdd]);
    assert.deepStrictEqual([...vm.readMemory(BASE + 0xen, 2)], [0xaa, 0xbb]);
  });

  it('puts the original back while stepping over its own breakpoint, then re-plants', () => {
    const { vm, patches } = setup();
    patches.sync([0x4000_0010]);
    const seen = patches.withOriginal(0x4000_0010, () => vm.word(BASE + 0x10n));
    assert.strictEqual(seen, 0x8881_7a73);
    assert.strictEqual(vm.word(BASE + 0x10n), BRK_0);
  });
});
