// Bundles the entry points with esbuild: the extension, the stand-alone debug adapter,
// the command line and the benchmark runner.
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
  { entryPoints: ['src/adapter/main.ts'], outfile: 'dist/debugAdapter.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['bench/main.ts'], outfile: 'dist/bench.js' },
];

await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e })));
