// Locates the prebuilt ELF fixtures (from the TypeScript sources or the compiled out/
// tree) and runs the LLVM tools the cross-checks compare against.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

function findFixtureFolder(): string {
  const beside = path.join(__dirname, 'fixtures');
  if (fs.existsSync(path.join(beside, 'hello.c'))) return beside;
  // Compiled tests run from out/test/unit/symbols: walk up to the repository (or start from the working directory).
  for (const start of [__dirname, process.cwd()]) {
    for (let folder = start; folder !== path.dirname(folder); folder = path.dirname(folder)) {
      const candidate = path.join(folder, 'test', 'unit', 'symbols', 'fixtures');
      if (fs.existsSync(path.join(candidate, 'hello.c'))) return candidate;
    }
  }
  throw new Error(`fixtures folder not found from ${__dirname}`);
}

export const FIXTURES = findFixtureFolder();

export const FIXTURE_NAMES = ['hello-gcc-dwarf5', 'hello-gcc-dwarf4', 'hello-clang', 'inline-gcc-O2', 'inline-clang-O2', 'start-asm'] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

export function fixturePath(name: FixtureName): string {
  return path.join(FIXTURES, `${name}.elf`);
}

export function fixtureBytes(name: FixtureName): Uint8Array {
  return new Uint8Array(fs.readFileSync(fixturePath(name)));
}

const toolCache = new Map<string, boolean>();

export function hasTool(tool: string): boolean {
  if (!toolCache.has(tool)) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'ignore' });
      toolCache.set(tool, true);
    } catch {
      toolCache.set(tool, false);
    }
  }
  return toolCache.get(tool)!;
}

export function runTool(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** For `before` hooks: skips the suite, saying why, when a tool is missing. */
export function requireTool(context: Mocha.Context, tool: string): void {
  if (!hasTool(tool)) {
    console.log(`      (skipped: ${tool} is not installed)`);
    context.skip();
  }
}
