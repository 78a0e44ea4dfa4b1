// The DWARF sections of a program, gathered once from the ELF file so that the DWARF
// readers depend on bytes, not on ELF structures.

import type { ElfFile } from './elfFile';

export interface DwarfSections {
  readonly info?: Uint8Array;
  readonly abbrev?: Uint8Array;
  readonly line?: Uint8Array;
  readonly lineStr?: Uint8Array;
  readonly str?: Uint8Array;
  readonly strOffsets?: Uint8Array;
  readonly addr?: Uint8Array;
  readonly ranges?: Uint8Array;
  readonly rnglists?: Uint8Array;
  readonly loc?: Uint8Array;
  readonly loclists?: Uint8Array;
  readonly frame?: Uint8Array;
  readonly ehFrame?: Uint8Array;
  /** sh_addr of .eh_frame: pc-relative pointers there are relative to it. */
  readonly ehFrameAddress?: number;
}

export function dwarfSectionsFromElf(elf: ElfFile): DwarfSections {
  const contents = (name: string) => {
    const bytes = elf.sectionContentsByName(name);
    return bytes && bytes.length > 0 ? bytes : undefined;
  };
  return {
    info: contents('.debug_info'),
    abbrev: contents('.debug_abbrev'),
    line: contents('.debug_line'),
    lineStr: contents('.debug_line_str'),
    str: contents('.debug_str'),
    strOffsets: contents('.debug_str_offsets'),
    addr: contents('.debug_addr'),
    ranges: contents('.debug_ranges'),
    rnglists: contents('.debug_rnglists'),
    loc: contents('.debug_loc'),
    loclists: contents('.debug_loclists'),
    frame: contents('.debug_frame'),
    ehFrame: contents('.eh_frame'),
    ehFrameAddress: elf.section('.eh_frame')?.address,
  };
}
