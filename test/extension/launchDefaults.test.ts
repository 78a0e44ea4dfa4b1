import * as assert from 'assert';
import * as path from 'path';
import {
  isEmptyConfiguration,
  launchConfigurationForProgram,
  programForActiveFile,
  resolvedProgramPath,
  withLaunchDefaults,
} from '../../src/extension/launchDefaults';

describe('extension: launch configuration defaults', () => {
  const folder = path.resolve('/work/project');

  it('offers a C program inside the folder with ${workspaceFolder} paths, running to main', () => {
    const configuration = launchConfigurationForProgram(path.join(folder, 'build', 'sum.elf'), folder, true);
    assert.deepStrictEqual(configuration, {
      type: 'arm64-guest',
      request: 'launch',
      name: 'Debug build/sum.elf',
      program: '${workspaceFolder}/build/sum.elf',
      cwd: '${workspaceFolder}',
      runToEntryPoint: 'main',
    });
  });

  it('stops on entry for a program without main, and keeps absolute paths outside the folder', () => {
    const program = path.resolve('/elsewhere/countdown.elf');
    const configuration = launchConfigurationForProgram(program, folder, false);
    assert.strictEqual(configuration.program, program);
    assert.strictEqual(configuration.cwd, path.dirname(program));
    assert.strictEqual(configuration.stopOnEntry, true);
    assert.strictEqual(configuration.runToEntryPoint, undefined);
    assert.strictEqual(configuration.name, 'Debug countdown.elf');
  });

  it('recognises the empty configuration VS Code passes for F5 without launch.json', () => {
    assert.strictEqual(isEmptyConfiguration({}), true);
    assert.strictEqual(isEmptyConfiguration({ noDebug: true }), true);
    assert.strictEqual(isEmptyConfiguration({ type: 'arm64-guest', request: 'launch', name: 'x', program: 'a.elf' }), false);
  });

  it('fills type, request, name and an absolute cwd', () => {
    const filled = withLaunchDefaults({ program: 'out/prog.elf' }, folder);
    assert.strictEqual(filled.type, 'arm64-guest');
    assert.strictEqual(filled.request, 'launch');
    assert.strictEqual(filled.name, 'Debug prog.elf');
    assert.strictEqual(filled.cwd, folder);
    assert.strictEqual(resolvedProgramPath(filled), path.join(folder, 'out', 'prog.elf'));
  });

  it('makes a relative cwd absolute against the workspace folder, never the extension host\'s', () => {
    const filled = withLaunchDefaults({ type: 'arm64-guest', request: 'launch', name: 'n', program: 'p.elf', cwd: 'build' }, folder);
    assert.strictEqual(filled.cwd, path.join(folder, 'build'));
    assert.strictEqual(resolvedProgramPath(filled), path.join(folder, 'build', 'p.elf'));
  });

  it('without a folder, uses the program\'s own folder as cwd', () => {
    const program = path.resolve('/tmp/x/p.elf');
    assert.strictEqual(withLaunchDefaults({ program }, undefined).cwd, path.dirname(program));
  });

  it('leaves the user\'s choices alone', () => {
    const mine = { type: 'arm64-guest', request: 'launch', name: 'Mine', program: '/a/b.elf', cwd: '/c', stopOnEntry: true };
    assert.deepStrictEqual(withLaunchDefaults(mine, folder), mine);
  });

  describe('program for the active editor', () => {
    const programs = ['/w/sum.elf', '/w/countdown.elf', '/w/other/sum.elf'].map((p) => path.resolve(p));
    const [sum, countdown, otherSum] = programs;

    it('is the file itself when it is a program', () => {
      assert.strictEqual(programForActiveFile(countdown, programs), countdown);
    });

    it('is the ELF built from the source beside it', () => {
      assert.strictEqual(programForActiveFile(path.resolve('/w/sum.c'), programs), sum);
      assert.strictEqual(programForActiveFile(path.resolve('/w/other/sum.c'), programs), otherSum);
      assert.strictEqual(programForActiveFile(path.resolve('/w/countdown.S'), programs), countdown);
    });

    it('is the only program of the workspace, whatever is open', () => {
      assert.strictEqual(programForActiveFile(path.resolve('/w/notes.md'), [sum]), sum);
      assert.strictEqual(programForActiveFile(undefined, [sum]), sum);
    });

    it('is left to the user when several could fit', () => {
      assert.strictEqual(programForActiveFile(path.resolve('/w/notes.md'), programs), undefined);
      assert.strictEqual(programForActiveFile(path.resolve('/z/sum.c'), programs), undefined);
      assert.strictEqual(programForActiveFile(undefined, []), undefined);
    });
  });
});
