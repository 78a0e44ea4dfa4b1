// Writes minimal AArch64 ELF64 executables: a header, one program header per segment
// and the segment bytes, no sections. Enough for the loader and for QEMU's -kernel.

const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const PT_LOAD = 1;
const EM_AARCH64 = 183;
const ET_EXEC = 2;

export interface SegmentSpec {
  address: number;
  data: Uint8Array;
  /** p_memsz; defaults to the data length (more: zero-filled). */
  memorySize?: number;
  /** PF_X = 1, PF_W = 2, PF_R = 4. */
  flags: number;
}

export function buildElf(spec: { entry: number; segments: SegmentSpec[] }): Uint8Array {
  const headersEnd = EHDR_SIZE + PHDR_SIZE * spec.segments.length;
  const offsets: number[] = [];
  let size = headersEnd;
  for (const segment of spec.segments) {
    size = (size + 15) & ~15;
    offsets.push(size);
    size += segment.data.length;
  }
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  view.setUint16(16, ET_EXEC, true);
  view.setUint16(18, EM_AARCH64, true);
  view.setUint32(20, 1, true);
  view.setBigUint64(24, BigInt(spec.entry), true);
  view.setBigUint64(32, BigInt(EHDR_SIZE), true);
  view.setUint16(52, EHDR_SIZE, true);
  view.setUint16(54, PHDR_SIZE, true);
  view.setUint16(56, spec.segments.length, true);
  view.setUint16(58, 64, true);
  spec.segments.forEach((segment, i) => {
    const at = EHDR_SIZE + PHDR_SIZE * i;
    view.setUint32(at, PT_LOAD, true);
    view.setUint32(at + 4, segment.flags, true);
    view.setBigUint64(at + 8, BigInt(offsets[i]), true);
    view.setBigUint64(at + 16, BigInt(segment.address), true);
    view.setBigUint64(at + 24, BigInt(segment.address), true);
    view.setBigUint64(at + 32, BigInt(segment.data.length), true);
    view.setBigUint64(at + 40, BigInt(segment.memorySize ?? segment.data.length), true);
    view.setBigUint64(at + 48, 16n, true);
    bytes.set(segment.data, offsets[i]);
  });
  return bytes;
}
