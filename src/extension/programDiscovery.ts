// Finds the AArch64 ELF programs of the workspace, for "debug this ELF" dynamic
// configurations and the program picker.

import * as fs from 'fs';
import * as vscode from 'vscode';
import { errorMessage } from './errorMessage';
import { ELF_IDENTIFICATION_LENGTH, hasAarch64ElfIdentification, probeProgram, ProgramProbe } from './elfProbe';
import { PROGRAM_FILE_GLOB } from './names';

const EXCLUDED_FOLDERS = '**/{node_modules,.git}/**';
const MAX_PROGRAMS = 100;
/** Larger files are not parsed just to offer them in a list. */
const MAX_PROBED_FILE_BYTES = 64 * 1024 * 1024;

/** AArch64 ELF files of one folder (or of the whole workspace), sorted by path. */
export async function findPrograms(folder?: vscode.WorkspaceFolder, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const include = folder ? new vscode.RelativePattern(folder, PROGRAM_FILE_GLOB) : PROGRAM_FILE_GLOB;
  const candidates = await vscode.workspace.findFiles(include, EXCLUDED_FOLDERS, MAX_PROGRAMS, token);
  const checks = await Promise.all(candidates.map(async (uri) => ((await isAarch64Elf(uri)) ? uri : undefined)));
  return checks.filter((uri): uri is vscode.Uri => uri !== undefined).sort((a, b) => a.fsPath.localeCompare(b.fsPath));
}

export async function isAarch64Elf(uri: vscode.Uri): Promise<boolean> {
  try {
    return hasAarch64ElfIdentification(await readStart(uri, ELF_IDENTIFICATION_LENGTH));
  } catch {
    return false;
  }
}

/** The full check the adapter would make; a file that cannot be read says so. */
export async function probeProgramFile(uri: vscode.Uri): Promise<ProgramProbe> {
  try {
    const size = (await vscode.workspace.fs.stat(uri)).size;
    if (size > MAX_PROBED_FILE_BYTES) return { runnable: true, hasMain: false };
    return probeProgram(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    return { runnable: false, reason: `cannot read it (${errorMessage(error)})` };
  }
}

async function readStart(uri: vscode.Uri, length: number): Promise<Uint8Array> {
  if (uri.scheme !== 'file') return (await vscode.workspace.fs.readFile(uri)).subarray(0, length);
  const handle = await fs.promises.open(uri.fsPath, 'r');
  try {
    const buffer = new Uint8Array(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
