#!/usr/bin/env node
/**
 * The second step of `npm run build` (after tsc): bundles the CLI into dist/bundle/cli.cjs and the
 * Monte Carlo worker into dist/bundle/mcWorker.js (the CLI starts its workers from the file next
 * to it), then records V8's compiled code for the CLI in dist/bundle/cli.cache by running it once
 * on a sample deal (see bin/loadCli.js). The bundles are made from the tsc output in dist/, so they
 * run exactly the library's code; they are deterministic (no dates, no absolute paths).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

/**
 * zod's `z` namespace carries every locale of its messages (≈ 400 kB, a third of the bundle).
 * ipabs writes its own messages and never uses `z.locales`: keep English (zod's default) only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index|mini[\\/]external)\.js$/.test(a.importer) ? { path: a.importer, namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({ contents: "export { default as en } from '../locales/en.js';", resolveDir: dirname(a.path) }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  charset: 'utf8',
  plugins: [zodEnglishOnly],
};

rmSync('dist/bundle', { recursive: true, force: true });

// The CLI as CommonJS, so that bin/loadCli.js can compile it with a code cache (node:vm).
// import.meta.url (the worker's file, the holiday data) is the bundle's own URL.
await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// The worker as an ES module (dist is "type": "module"); commander and csv-parse are CommonJS.
await build({
  ...common,
  entryPoints: ['dist/stress/mcWorker.js'],
  outfile: 'dist/bundle/mcWorker.js',
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});

const script = "import { writeCodeCache } from './bin/loadCli.js'; await writeCodeCache(['run', 'deals/guangkai-patent-license.json']);";
const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
if (r.status !== 0) throw new Error(`making the code cache failed (exit ${r.status})`);
