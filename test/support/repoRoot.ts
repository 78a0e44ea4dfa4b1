// The repository's root folder, found by walking up from this file to the package.json
// named arm64-guest-debug, so it works from test/ (tsx) and from the compiled out/test/.
import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'arm64-guest-debug';

function isRepoRoot(folder: string): boolean {
  const manifest = path.join(folder, 'package.json');
  return fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === PACKAGE_NAME;
}

export function repoRoot(): string {
  let folder = __dirname;
  while (!isRepoRoot(folder)) {
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`no ${PACKAGE_NAME} package.json above ${__dirname}`);
    folder = parent;
  }
  return folder;
}

/** A repository file's text, by its path relative to the root. */
export function readRepoFile(relative: string): string {
  return fs.readFileSync(path.join(repoRoot(), relative), 'utf8');
}
