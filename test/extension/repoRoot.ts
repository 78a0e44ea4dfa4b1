// The repository's root folder, found from this file whether the tests run from
// test/ (tsx) or from the compiled copy in out/test/.
import * as fs from 'fs';
import * as path from 'path';

export function repoRoot(): string {
  let folder = __dirname;
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'arm64-guest-debug') return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no arm64-guest-debug package.json above ${__dirname}`);
    folder = parent;
  }
}

export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot(), relative), 'utf8');
}
