// Finds the guest programs of the corpus and their committed references.
//
// Layout (see README.md): test/guests/NAME/ holds the sources, the ELF files
// built from them, and for each X.elf the QEMU reference X.expected-stdout
// (exact bytes) and X.expected-status (exit code); NAME/NAME.args, if
// present, lists the guest's command-line arguments one per line.

import * as fs from 'fs';
import * as path from 'path';

export interface CorpusGuest {
  /** Path relative to the repository root, for test titles and messages. */
  readonly title: string;
  readonly elfPath: string;
  readonly args: readonly string[];
  readonly expectedStdout: Buffer;
  readonly expectedStatus: number;
  /** QEMU's own output where it differs from the architecture (X.qemu-stdout), else undefined. */
  readonly qemuStdout?: Buffer;
  readonly qemuStatus?: number;
}

/** The repository root: the nearest folder above this file with a package.json. */
export function repositoryRoot(): string {
  let folder = __dirname;
  while (!fs.existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

export function guestsFolder(): string {
  return path.join(repositoryRoot(), 'test', 'guests');
}

function readStatus(file: string): number {
  const text = fs.readFileSync(file, 'utf8').trim();
  const status = Number(text);
  if (!Number.isInteger(status)) throw new Error(`${file}: not an exit status: ${JSON.stringify(text)}`);
  return status;
}

function readArgs(folder: string): string[] {
  const file = path.join(folder, `${path.basename(folder)}.args`);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
}

/** Every committed ELF that has an .expected-stdout next to it, in a stable order. */
export function corpusGuests(): CorpusGuest[] {
  const root = repositoryRoot();
  const guests: CorpusGuest[] = [];
  const folders = fs
    .readdirSync(guestsFolder(), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(guestsFolder(), entry.name))
    .sort();
  for (const folder of folders) {
    const elfNames = fs.readdirSync(folder).filter((name) => name.endsWith('.elf')).sort();
    for (const elfName of elfNames) {
      const base = path.join(folder, elfName.slice(0, -'.elf'.length));
      if (!fs.existsSync(`${base}.expected-stdout`)) continue;
      const hasQemuOutput = fs.existsSync(`${base}.qemu-stdout`);
      guests.push({
        title: path.relative(root, path.join(folder, elfName)),
        elfPath: path.join(folder, elfName),
        args: readArgs(folder),
        expectedStdout: fs.readFileSync(`${base}.expected-stdout`),
        expectedStatus: readStatus(`${base}.expected-status`),
        qemuStdout: hasQemuOutput ? fs.readFileSync(`${base}.qemu-stdout`) : undefined,
        qemuStatus: hasQemuOutput ? readStatus(`${base}.qemu-status`) : undefined,
      });
    }
  }
  return guests;
}
