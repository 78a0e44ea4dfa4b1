// The identifiers this extension shares with its manifest (package.json `contributes`)
// and with the debug adapter. Kept in one module that imports nothing, so tests can
// check the manifest against it without a running VS Code.

export const DEBUG_TYPE = 'arm64-guest';

/** Settings live under `arm64-guest.*`. */
export const SETTINGS_SECTION = 'arm64-guest';
export const SETTING_HEXADECIMAL = 'hexadecimal';
export const SETTING_ADAPTER = 'adapter';
export type AdapterPlacement = 'inline' | 'process';

export const COMMANDS = {
  stepInstruction: 'arm64-guest.stepInstruction',
  stepOverInstruction: 'arm64-guest.stepOverInstruction',
  resetGuest: 'arm64-guest.resetGuest',
  viewMemory: 'arm64-guest.viewMemory',
  showHexadecimal: 'arm64-guest.showHexadecimal',
  showDecimal: 'arm64-guest.showDecimal',
  pickProgram: 'arm64-guest.pickProgram',
  debugProgram: 'arm64-guest.debugProgram',
} as const;

/** The language id the extension contributes for `.S`/`.s` files (gutter breakpoints in assembly). */
export const ASSEMBLY_LANGUAGE_ID = 'arm64-asm';

/** File name extensions searched for programs to offer as "debug this ELF" configurations. */
export const PROGRAM_FILE_GLOB = '**/*.{elf,axf,out}';
