// Field-level access to a copy of a good ELF64 file, for generating malformed variants:
// header fields, program header i, and sections by name (ELF-64 Object File Format).

const PHDR_SIZE = 56;
const SHDR_SIZE = 64;

export interface SectionLocation {
  /** Where the section header is. */
  readonly header: number;
  /** sh_offset and sh_size. */
  readonly offset: number;
  readonly size: number;
}

export class ElfMutator {
  readonly bytes: Uint8Array;
  private readonly view: DataView;

  constructor(original: Uint8Array) {
    this.bytes = original.slice();
    this.view = new DataView(this.bytes.buffer);
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  u64(at: number): bigint {
    return this.view.getBigUint64(at, true);
  }

  set16(at: number, value: number): this {
    this.view.setUint16(at, value, true);
    return this;
  }

  set32(at: number, value: number): this {
    this.view.setUint32(at, value >>> 0, true);
    return this;
  }

  set64(at: number, value: bigint | number): this {
    this.view.setBigUint64(at, BigInt.asUintN(64, BigInt(value)), true);
    return this;
  }

  get programHeaderCount(): number {
    return this.u16(56);
  }

  /** File offset of program header i (p_type at +0, p_offset +8, p_vaddr +16, p_paddr +24, p_filesz +32, p_memsz +40). */
  programHeader(i: number): number {
    return Number(this.u64(32)) + PHDR_SIZE * i;
  }

  /** Indices of the PT_LOAD program headers. */
  loadSegments(): number[] {
    const loads: number[] = [];
    for (let i = 0; i < this.programHeaderCount; i++) if (this.u32(this.programHeader(i)) === 1) loads.push(i);
    return loads;
  }

  get sectionHeaderOffset(): number {
    return Number(this.u64(40));
  }

  section(name: string): SectionLocation {
    const table = this.sectionHeaderOffset;
    const count = this.u16(60);
    const names = table + SHDR_SIZE * this.u16(62);
    const namesOffset = Number(this.u64(names + 24));
    for (let i = 0; i < count; i++) {
      const header = table + SHDR_SIZE * i;
      let end = namesOffset + this.u32(header);
      let text = '';
      while (this.bytes[end] !== 0) text += String.fromCharCode(this.bytes[end++]);
      if (text === name) return { header, offset: Number(this.u64(header + 24)), size: Number(this.u64(header + 32)) };
    }
    throw new Error(`no section ${name}`);
  }

  /** Overwrites a section's contents with the given filler. */
  fillSection(name: string, fill: (i: number) => number): this {
    const s = this.section(name);
    for (let i = 0; i < s.size; i++) this.bytes[s.offset + i] = fill(i) & 0xff;
    return this;
  }

  truncate(length: number): Uint8Array {
    return this.bytes.slice(0, length);
  }
}
