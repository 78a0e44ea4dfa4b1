// Bundles the entry points with esbuild: the extension, the stand-alone debug adapter,
// the command line (each of these two behind a code-cache launcher) and the benchmark runner.
import { build } from 'esbuild';
import { existsSync } from 'fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

const entries = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The command line and the stand-alone adapter: each a small launcher that starts its
  // bundle through V8's code cache (src/launcher).
  { entryPoints: ['src/adapter/main.ts'], outfile: 'dist/bundle/debugAdapter.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/bundle/cli.js' },
  { entryPoints: ['src/launcher/debugAdapter.ts'], outfile: 'dist/debugAdapter.js', sourcemap: false },
  { entryPoints: ['src/launcher/cli.ts'], outfile: 'dist/cli.js', sourcemap: false, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' },
];

await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
