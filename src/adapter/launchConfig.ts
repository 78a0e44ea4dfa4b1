// The `launch` request's attributes (type `arm64-guest`): their validation and the
// normalised configuration the session starts from. Unknown or ill-typed attributes
// are refused with an error that names every one of them, so a typo in launch.json
// never silently changes what the session does.

import * as path from 'path';

export interface LaunchConfiguration {
  /** Absolute path of the ELF file. */
  program: string;
  /** Absolute working folder: relative paths (program, DWARF sources) resolve here. */
  cwd: string;
  /** The semihosting command line after the program name. */
  args: string[];
  stopOnEntry: boolean;
  /** A symbol to run to before the first stop (e.g. `main`). */
  runToEntryPoint?: string;
  /** Guest RAM in MiB. */
  memoryMiB?: number;
  /** Host folder the guest may reach through semihosting file calls; absent: none. */
  hostFolder?: string;
  breakOnGuestBrk: boolean;
  /** DWARF path prefix -> local path prefix. */
  sourceMap: Record<string, string>;
  trace: boolean;
}

export class LaunchConfigurationError extends Error {}

/** Attributes VS Code (or another client) adds to every configuration. */
const CLIENT_ATTRIBUTES = new Set([
  'type', 'request', 'name', 'noDebug', 'preLaunchTask', 'postDebugTask', 'internalConsoleOptions',
  'debugServer', 'presentation', 'suppressMultipleSessionWarning', 'serverReadyAction',
  'windows', 'osx', 'linux', 'env', 'console',
]);

type Check = (value: unknown) => string | undefined;

const isString: Check = v => (typeof v === 'string' ? undefined : 'a string');
const isBoolean: Check = v => (typeof v === 'boolean' ? undefined : 'true or false');
const isStringArray: Check = v =>
  Array.isArray(v) && v.every(item => typeof item === 'string') ? undefined : 'an array of strings';
const isStringMap: Check = v =>
  isPlainObject(v) && Object.values(v).every(item => typeof item === 'string')
    ? undefined
    : 'an object mapping path prefixes to paths';
const isMemorySize: Check = v =>
  (typeof v === 'string' || typeof v === 'number') && parseMemorySizeMiB(v) !== undefined
    ? undefined
    : 'a size such as "256M" or "1G" (whole MiB, 1M to 1024M)';
const isSemihostingOptions: Check = v => {
  if (!isPlainObject(v)) return 'an object such as { "hostFolder": "${workspaceFolder}" }';
  const unknown = Object.keys(v).filter(k => k !== 'hostFolder');
  if (unknown.length > 0) return `an object with only "hostFolder" (unknown: ${unknown.join(', ')})`;
  if (v.hostFolder !== undefined && typeof v.hostFolder !== 'string') return 'an object whose "hostFolder" is a string';
  return undefined;
};

const ATTRIBUTE_CHECKS: Record<string, Check> = {
  program: isString,
  cwd: isString,
  args: isStringArray,
  stopOnEntry: isBoolean,
  runToEntryPoint: isString,
  memory: isMemorySize,
  semihosting: isSemihostingOptions,
  breakOnGuestBrk: isBoolean,
  sourceMap: isStringMap,
  trace: isBoolean,
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `"256M"`, `"1G"`, `"65536K"`, `"128MiB"` or a number of MiB -> MiB; undefined if invalid. */
export function parseMemorySizeMiB(value: string | number): number | undefined {
  let mib: number;
  if (typeof value === 'number') {
    mib = value;
  } else {
    const m = /^\s*(\d+)\s*([KMG]?)(?:i?B)?\s*$/i.exec(value);
    if (!m) return undefined;
    const amount = Number(m[1]);
    const unit = m[2].toUpperCase();
    if (unit === 'K') mib = amount / 1024;
    else if (unit === 'G') mib = amount * 1024;
    else if (unit === 'M') mib = amount;
    else mib = amount / (1024 * 1024); // a bare number of bytes
  }
  if (!Number.isInteger(mib) || mib < 1 || mib > 1024) return undefined;
  return mib;
}

/**
 * Validates raw launch arguments. `baseFolder` resolves a relative `cwd` (the adapter's
 * own working folder when the client gave none).
 */
export function parseLaunchConfiguration(raw: unknown, baseFolder: string = process.cwd()): LaunchConfiguration {
  if (!isPlainObject(raw)) throw new LaunchConfigurationError('launch arguments must be an object');
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('__') || CLIENT_ATTRIBUTES.has(key)) continue;
    const check = ATTRIBUTE_CHECKS[key];
    if (!check) {
      problems.push(`unknown attribute "${key}"`);
      continue;
    }
    const expected = check(value);
    if (expected) problems.push(`"${key}" must be ${expected} (got ${JSON.stringify(value)})`);
  }
  if (raw.program === undefined) problems.push('"program" is required (the path of the ELF file to debug)');
  if (problems.length > 0) {
    throw new LaunchConfigurationError(`Invalid launch configuration: ${problems.join('; ')}.`);
  }

  const cwd = path.resolve(baseFolder, (raw.cwd as string | undefined) ?? '.');
  const semihosting = raw.semihosting as { hostFolder?: string } | undefined;
  return {
    program: path.resolve(cwd, raw.program as string),
    cwd,
    args: (raw.args as string[] | undefined) ?? [],
    stopOnEntry: (raw.stopOnEntry as boolean | undefined) ?? false,
    runToEntryPoint: raw.runToEntryPoint as string | undefined,
    memoryMiB: raw.memory === undefined ? undefined : parseMemorySizeMiB(raw.memory as string | number),
    hostFolder: semihosting?.hostFolder === undefined ? undefined : path.resolve(cwd, semihosting.hostFolder),
    breakOnGuestBrk: (raw.breakOnGuestBrk as boolean | undefined) ?? false,
    sourceMap: (raw.sourceMap as Record<string, string> | undefined) ?? {},
    trace: (raw.trace as boolean | undefined) ?? false,
  };
}
