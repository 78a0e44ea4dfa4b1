// Builds the image for the differential instruction test: the committed harness
// (test/reliability/guests/qemu-harness.S) plus, generated here, one slot per word
// under test and the register state it starts from; and reads back the records the
// harness prints. The constants mirror the harness's layout.

import * as fs from 'fs';
import { parseElf } from '../../../src/symbols/elfFile';
import { SymbolTable } from '../../../src/symbols/elfSymbols';
import { buildElf, SegmentSpec } from './elfBuilder';
import { guestElf } from './cli';
import { SeededRandom } from './seededRandom';

export const CONFIG = 0x4010_0000;
export const SLOTS = 0x4011_0000;
export const STATES = 0x4020_0000;
export const SCRATCH = 0x40f0_0000;
export const SCRATCH_END = 0x40f1_0000;
/** Loads and stores address the middle of the scratch area. */
export const POINTER_BASE = 0x40f0_8000;
export const RECORD_SIZE = 0x400;
export const MAX_SLOTS = 4096;

const STATE_SP = 0xf8;
const STATE_NZCV = 0x100;
const STATE_FPCR = 0x108;
const STATE_V = 0x110;
const RESULT_KIND = 0x310;

export interface SlotState {
  x: bigint[];
  sp: bigint;
  nzcv: number;
  fpcr: number;
  /** 512 bytes: V0..V31. */
  v: Uint8Array;
}

export interface SlotRecord {
  x: bigint[];
  sp: bigint;
  nzcv: number;
  fpsr: number;
  v: Uint8Array;
  exception: boolean;
  esr: number;
  elr: bigint;
  far: bigint;
  checksum: bigint;
}

/** Whether a word's outcome can be compared with QEMU at all (see the test for why others are left out). */
export function comparableWithQemu(word: number): boolean {
  const op0 = (word >>> 25) & 0xf;
  if ((op0 & 0b1110) === 0b1010) {
    // Branches, exception generation and system: only MRS (reads change nothing).
    return (word & 0xfff0_0000) >>> 0 === 0xd530_0000;
  }
  return true;
}

/** Loads and stores (op0 = x1x0) get pointers into the scratch area. */
export function isLoadStore(word: number): boolean {
  return (((word >>> 25) & 0b0101) >>> 0) === 0b0100;
}

export function isMrs(word: number): boolean {
  return (word & 0xfff0_0000) >>> 0 === 0xd530_0000;
}

const FP_SPECIALS = [0, -0, 1, -1, 0.5, 3, Infinity, -Infinity, NaN, 5e-324, 2.2250738585072014e-308, 1.1754943508222875e-38, 65504, 2 ** 63, -(2 ** 31), 1e300];

function randomValue(rng: SeededRandom): bigint {
  switch (rng.below(8)) {
    case 0: return rng.next64();
    case 1: return BigInt(rng.below(256));
    case 2: return BigInt.asUintN(64, -BigInt(1 + rng.below(16)));
    case 3: return 1n << BigInt(rng.below(64));
    case 4: return rng.pick([0n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn, 0xffffffffn, 0x80000000n]);
    case 5: return BigInt(rng.next32());
    case 6: return BigInt(rng.next32()) << 32n;
    default: return BigInt(POINTER_BASE + 16 * rng.below(64));
  }
}

export function randomState(rng: SeededRandom, word: number): SlotState {
  // A load or store finds a pointer into the scratch area in its base register (Rn, bits
  // 9:5) and mostly small values elsewhere (an index register then stays in range).
  const memory = isLoadStore(word);
  const base = (word >>> 5) & 31;
  const pointer = () => BigInt(POINTER_BASE + 0x40 * rng.below(64) + (rng.chance(0.1) ? rng.below(16) : 0));
  const x: bigint[] = [];
  for (let n = 0; n < 31; n++) {
    if (memory && n === base) x.push(pointer());
    else if (memory && rng.chance(0.85)) x.push(BigInt.asUintN(64, BigInt(rng.below(512) * 8 - 256)));
    else x.push(randomValue(rng));
  }
  const v = new Uint8Array(512);
  const view = new DataView(v.buffer);
  for (let n = 0; n < 32; n++) {
    const kind = rng.below(3);
    for (let lane = 0; lane < 4; lane++) {
      if (kind === 0) view.setUint32(16 * n + 4 * lane, rng.next32(), true);
      else if (kind === 1) view.setFloat32(16 * n + 4 * lane, rng.pick(FP_SPECIALS), true);
      else if (lane < 2) view.setFloat64(16 * n + 8 * lane, rng.pick(FP_SPECIALS), true);
    }
  }
  const fpcr = rng.chance(0.3) ? (rng.next32() & 0x07c0_0000) : 0;
  const sp = memory && base === 31 ? pointer() & ~15n : BigInt(POINTER_BASE + 0x1000 + 16 * rng.below(16));
  return { x, sp, nzcv: (rng.next32() & 0xf000_0000) >>> 0, fpcr, v };
}

interface Harness {
  segment: SegmentSpec;
  entry: number;
  recordFallthrough: number;
}

let harness: Harness | undefined;

function loadHarness(): Harness {
  if (harness) return harness;
  const bytes = new Uint8Array(fs.readFileSync(guestElf('qemu-harness')));
  const elf = parseElf(bytes);
  const [load] = elf.loadSegments;
  const symbol = SymbolTable.fromElf(elf, []).byName('record_fallthrough');
  if (!symbol) throw new Error('qemu-harness.elf has no record_fallthrough symbol');
  harness = {
    segment: { address: load.physicalAddress, data: bytes.slice(load.offset, load.offset + load.fileSize), memorySize: load.memorySize, flags: 7 },
    entry: elf.entryPoint,
    recordFallthrough: symbol.value,
  };
  return harness;
}

/** The ELF image: harness, slot count, slots (word + branch back), states. */
export function buildDifferentialImage(words: number[], states: SlotState[]): Uint8Array {
  if (words.length > MAX_SLOTS) throw new Error(`at most ${MAX_SLOTS} slots`);
  const h = loadHarness();
  const config = new Uint8Array(8);
  new DataView(config.buffer).setBigUint64(0, BigInt(words.length), true);
  const slots = new Uint8Array(8 * words.length);
  const slotView = new DataView(slots.buffer);
  words.forEach((word, i) => {
    const branchAt = SLOTS + 8 * i + 4;
    slotView.setUint32(8 * i, word >>> 0, true);
    slotView.setUint32(8 * i + 4, (0x1400_0000 | (((h.recordFallthrough - branchAt) >> 2) & 0x03ff_ffff)) >>> 0, true);
  });
  const stateBytes = new Uint8Array(RECORD_SIZE * states.length);
  const stateView = new DataView(stateBytes.buffer);
  states.forEach((s, i) => {
    const at = RECORD_SIZE * i;
    s.x.forEach((value, n) => stateView.setBigUint64(at + 8 * n, value, true));
    stateView.setBigUint64(at + STATE_SP, s.sp, true);
    stateView.setBigUint64(at + STATE_NZCV, BigInt(s.nzcv), true);
    stateView.setBigUint64(at + STATE_FPCR, BigInt(s.fpcr), true);
    stateBytes.set(s.v, at + STATE_V);
  });
  return buildElf({
    entry: h.entry,
    segments: [
      h.segment,
      { address: CONFIG, data: config, flags: 4 },
      { address: SLOTS, data: slots, flags: 5 },
      { address: STATES, data: stateBytes, flags: 4 },
    ],
  });
}

export function parseRecords(output: Uint8Array, count: number): SlotRecord[] {
  if (output.length !== count * RECORD_SIZE) throw new Error(`expected ${count * RECORD_SIZE} bytes of records, got ${output.length}`);
  const view = new DataView(output.buffer, output.byteOffset, output.byteLength);
  const records: SlotRecord[] = [];
  for (let i = 0; i < count; i++) {
    const at = RECORD_SIZE * i;
    const u64 = (offset: number) => view.getBigUint64(at + offset, true);
    records.push({
      x: Array.from({ length: 31 }, (_, n) => u64(8 * n)),
      sp: u64(STATE_SP),
      nzcv: Number(u64(STATE_NZCV)),
      fpsr: Number(u64(STATE_FPCR)),
      v: output.slice(at + STATE_V, at + STATE_V + 512),
      exception: u64(RESULT_KIND) === 1n,
      esr: Number(u64(RESULT_KIND + 8)),
      elr: u64(RESULT_KIND + 16),
      far: u64(RESULT_KIND + 24),
      checksum: u64(RESULT_KIND + 32),
    });
  }
  return records;
}
