import * as assert from 'assert';
import { parseLaunchConfiguration, parseMemorySizeMiB } from '../../../src/adapter/launchConfig';

describe('launch configuration', () => {
  it('normalises a valid configuration', () => {
    const config = parseLaunchConfiguration({
      type: 'arm64-guest', request: 'launch', name: 'Debug', __sessionId: 'x', program: 'hello.elf', cwd: '/work/project',
      args: ['a'], stopOnEntry: true, runToEntryPoint: 'main', memory: '64M', semihosting: { hostFolder: 'files' },
      breakOnGuestBrk: true, sourceMap: { '/build': '/src' }, trace: false,
    }, '/');
    assert.deepStrictEqual(config, {
      program: '/work/project/hello.elf', cwd: '/work/project', args: ['a'], stopOnEntry: true, runToEntryPoint: 'main',
      memoryMiB: 64, hostFolder: '/work/project/files', breakOnGuestBrk: true, sourceMap: { '/build': '/src' }, trace: false,
    });
  });

  it('names every unknown or ill-typed attribute', () => {
    assert.throws(
      () => parseLaunchConfiguration({ program: 3, stopOnEnty: true, memory: '3T', args: 'x', semihosting: { folder: 'a' } }),
      (e: Error) =>
        /unknown attribute "stopOnEnty"/.test(e.message) && /"program" must be a string \(got 3\)/.test(e.message)
        && /"memory" must be a size/.test(e.message) && /"args" must be an array of strings/.test(e.message)
        && /unknown: folder/.test(e.message),
    );
    assert.throws(() => parseLaunchConfiguration({}), /"program" is required/);
  });

  it('reads memory sizes', () => {
    assert.strictEqual(parseMemorySizeMiB('256M'), 256);
    assert.strictEqual(parseMemorySizeMiB('1G'), 1024);
    assert.strictEqual(parseMemorySizeMiB('65536K'), 64);
    assert.strictEqual(parseMemorySizeMiB('128MiB'), 128);
    assert.strictEqual(parseMemorySizeMiB(32), 32);
    assert.strictEqual(parseMemorySizeMiB('2G'), undefined);
    assert.strictEqual(parseMemorySizeMiB('100K'), undefined);
  });
});
