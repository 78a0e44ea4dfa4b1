import * as assert from 'assert';
import * as path from 'path';
import {
  SourcePathResolver,
  commonSuffixLength,
  isAbsoluteDwarfPath,
  joinDwarfPath,
  normalizeDwarfPath,
  pathSuffixMatches,
} from '../../../src/symbols/sourcePaths';

describe('symbols/sourcePaths', () => {
  it('normalises DWARF paths without touching the file system', () => {
    assert.strictEqual(normalizeDwarfPath('./hello.c'), 'hello.c');
    assert.strictEqual(normalizeDwarfPath('.'), '.');
    assert.strictEqual(normalizeDwarfPath('a/./b/../c.c'), 'a/c.c');
    assert.strictEqual(normalizeDwarfPath('./aarch64-linux-gnu/../../../semihost/exit.c'), '../../semihost/exit.c');
    assert.strictEqual(normalizeDwarfPath('/usr//include/../lib/x.h'), '/usr/lib/x.h');
    assert.strictEqual(normalizeDwarfPath('/../x.c'), '/x.c');
    assert.strictEqual(normalizeDwarfPath('C:\\work\\src\\..\\main.c'), 'C:\\work\\main.c');
  });

  it('joins directories and names; absolute names win', () => {
    assert.strictEqual(joinDwarfPath('.', 'hello.c'), 'hello.c');
    assert.strictEqual(joinDwarfPath('/build', 'src/a.c'), '/build/src/a.c');
    assert.strictEqual(joinDwarfPath('/build', '/usr/include/stdio.h'), '/usr/include/stdio.h');
    assert.strictEqual(joinDwarfPath(undefined, 'a.c'), 'a.c');
    assert.strictEqual(joinDwarfPath('C:\\build', 'main.c'), 'C:\\build\\main.c');
    assert.ok(isAbsoluteDwarfPath('D:/x.c') && isAbsoluteDwarfPath('/x.c') && !isAbsoluteDwarfPath('x/y.c'));
  });

  it('matches a user path to a DWARF path by trailing components', () => {
    for (const query of ['hello.c', './hello.c', '/abs/path/hello.c']) {
      assert.ok(pathSuffixMatches('hello.c', query), query);
      assert.ok(pathSuffixMatches('./hello.c', query), query);
    }
    for (const query of ['hello.c', 'src/hello.c', '/home/me/project/src/hello.c']) {
      assert.ok(pathSuffixMatches('src/hello.c', query), query);
    }
    assert.ok(!pathSuffixMatches('src/hello.c', '/abs/path/hello.c'), 'a differing directory rules it out');
    assert.ok(!pathSuffixMatches('src/hello.c', 'other/hello.c'));
    assert.ok(!pathSuffixMatches('src/hello.c', 'hello.h'));
    assert.ok(pathSuffixMatches('../../newlib/libc/string/memcpy.c', 'string/memcpy.c'));
    assert.ok(pathSuffixMatches('C:\\work\\main.c', 'c:/work/main.c'), 'drive letters ignore case, separators do not matter');
    assert.strictEqual(commonSuffixLength('/a/b/c.c', 'x/b/c.c'), 2);
  });

  it('maps DWARF paths to local files: sourceMap first, then base folders', () => {
    const existing = new Set([path.resolve('/work/project/src/main.c'), path.resolve('/opt/lib-src/string/memcpy.c'), path.resolve('/ws/hello.c')]);
    const resolver = new SourcePathResolver({
      sourceMap: { '/build/lib': '/opt/lib-src', '/build': '/work/project' },
      baseFolders: ['/nowhere', '/ws'],
      fileExists: (candidate) => existing.has(candidate),
    });
    assert.strictEqual(resolver.toLocal('/build/src/main.c'), path.resolve('/work/project/src/main.c'));
    assert.strictEqual(resolver.toLocal('/build/lib/string/memcpy.c'), path.resolve('/opt/lib-src/string/memcpy.c'), 'longest prefix wins');
    assert.strictEqual(resolver.toLocal('hello.c'), path.resolve('/ws/hello.c'), 'relative paths try each base folder');
    assert.strictEqual(resolver.toLocal('./hello.c'), path.resolve('/ws/hello.c'));
    assert.strictEqual(resolver.toLocal('missing.c'), undefined);
    assert.strictEqual(resolver.toLocalOrGuess('missing.c'), path.resolve('/nowhere/missing.c'));
    assert.strictEqual(resolver.toDwarf('/work/project/src/main.c'), '/build/src/main.c', 'the editor path maps back');
    assert.strictEqual(resolver.toDwarf('/elsewhere/x.c'), '/elsewhere/x.c');
  });

  it('maps relative DWARF prefixes such as "." from -fdebug-prefix-map=$PWD=.', () => {
    const resolver = new SourcePathResolver({ sourceMap: { '.': '/checkout' }, baseFolders: [], fileExists: () => true });
    assert.strictEqual(resolver.toLocal('hello.c'), path.join('/checkout', 'hello.c'));
    assert.strictEqual(resolver.toLocal('src/a.c'), path.join('/checkout', 'src/a.c'));
  });
});
