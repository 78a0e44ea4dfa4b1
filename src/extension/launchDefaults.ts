// Launch configurations as the configuration provider hands them to VS Code: the
// one offered for a program file, and the defaults filled into a user's
// configuration. Pure functions over paths, so they are tested without VS Code.

import * as path from 'path';
import { DEBUG_TYPE } from './names';

export type LaunchAttributes = Record<string, unknown>;

/**
 * The configuration "debug this ELF" offers for `programPath`. Inside a workspace
 * folder the paths are written with `${workspaceFolder}`, so the configuration still
 * works when the user saves it into launch.json. A C program runs to `main`; a
 * program without one (hand-written assembly) stops on its first instruction.
 */
export function launchConfigurationForProgram(programPath: string, folderPath: string | undefined, hasMain: boolean): LaunchAttributes {
  const inFolder = folderPath !== undefined && isInside(programPath, folderPath);
  const relative = inFolder ? toPosix(path.relative(folderPath, programPath)) : undefined;
  return {
    type: DEBUG_TYPE,
    request: 'launch',
    name: `Debug ${relative ?? path.basename(programPath)}`,
    program: relative !== undefined ? '${workspaceFolder}/' + relative : programPath,
    cwd: inFolder ? '${workspaceFolder}' : path.dirname(programPath),
    ...(hasMain ? { runToEntryPoint: 'main' } : { stopOnEntry: true }),
  };
}

/** True when a launch configuration is VS Code's empty one: F5 with no launch.json. */
export function isEmptyConfiguration(configuration: LaunchAttributes): boolean {
  return configuration.type === undefined && configuration.request === undefined && configuration.name === undefined;
}

/**
 * Fills what VS Code and the adapter need but a hand-written configuration may omit.
 * The adapter resolves a relative `cwd` against its own working folder, which for an
 * adapter inside the extension host is meaningless, so `cwd` is always made absolute
 * here (after VS Code has substituted `${...}` variables).
 */
export function withLaunchDefaults(configuration: LaunchAttributes, folderPath: string | undefined): LaunchAttributes {
  const filled: LaunchAttributes = { ...configuration };
  filled.type ??= DEBUG_TYPE;
  filled.request ??= 'launch';
  if (filled.name === undefined) {
    filled.name = typeof filled.program === 'string' ? `Debug ${path.basename(filled.program)}` : 'Debug AArch64 program';
  }
  const cwd = filled.cwd;
  if (cwd === undefined) {
    const program = filled.program;
    if (folderPath !== undefined) filled.cwd = folderPath;
    else if (typeof program === 'string' && path.isAbsolute(program)) filled.cwd = path.dirname(program);
  } else if (typeof cwd === 'string' && !path.isAbsolute(cwd) && folderPath !== undefined) {
    filled.cwd = path.resolve(folderPath, cwd);
  }
  return filled;
}

/** The program path a configuration names, made absolute the way the adapter does (against `cwd`). */
export function resolvedProgramPath(configuration: LaunchAttributes): string | undefined {
  const program = configuration.program;
  if (typeof program !== 'string' || program === '') return undefined;
  const cwd = typeof configuration.cwd === 'string' ? configuration.cwd : undefined;
  return cwd !== undefined ? path.resolve(cwd, program) : path.resolve(program);
}

/**
 * Chooses the program to debug for the file in the active editor when the user pressed
 * F5 without a launch.json: the program file itself, else the ELF built from it
 * (`sum.c` -> `sum.elf`, same folder first), else the only program in the workspace.
 * Undefined when the choice is the user's (several candidates, none matching).
 */
export function programForActiveFile(activeFile: string | undefined, programs: readonly string[]): string | undefined {
  if (activeFile !== undefined) {
    if (programs.includes(activeFile)) return activeFile;
    const stem = stemOf(activeFile);
    const sameStem = programs.filter((program) => stemOf(program) === stem);
    const sameFolder = sameStem.find((program) => path.dirname(program) === path.dirname(activeFile));
    if (sameFolder !== undefined) return sameFolder;
    if (sameStem.length === 1) return sameStem[0];
  }
  return programs.length === 1 ? programs[0] : undefined;
}

function stemOf(file: string): string {
  return path.basename(file, path.extname(file));
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
