#!/usr/bin/env node
/**
 * The second step of `npm run build` (after tsc): bundles the CLI into dist/bundle/cli.js, the
 * Monte Carlo worker into dist/bundle/mcWorker.js and the workbook reader into
 * dist/bundle/xlsxWorker.js (the CLI starts its workers from the files next to it), then records V8's compiled code for the CLI in dist/bundle/cli.cache by running it once
 * on a sample deal (see bin/loadCli.js). The bundles are made from the tsc output in dist/, so they
 * run exactly the library's code, and are deterministic (no dates, no absolute paths).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * zod's `z.fromJSONSchema` (which ipabs never calls) spreads zod's whole namespace into an object
 * when its module is initialised: a few milliseconds of every start-up. The bundle has a stub.
 */
const zodWithoutFromJsonSchema = {
  name: 'zod-without-from-json-schema',
  setup(b) {
    b.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (a) =>
      /zod[\\/]v4[\\/]classic[\\/]external\.js$/.test(a.importer) ? { path: a.importer, namespace: 'zod-from-json-schema' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-from-json-schema' }, () => ({
      contents: "export function fromJSONSchema() { throw new Error('z.fromJSONSchema is not in the ipabs bundle'); }",
    }));
  },
};

/**
 * `import { z } from 'zod'` binds zod's namespace object: the bundle then builds it (a getter for
 * each of zod's ≈ 300 exports, and for its sub-namespaces) at start-up, and every `z.string()` is a
 * getter call. The same module imported as `import * as z` lets esbuild call `string()` directly
 * and build no namespace: the tsc output is read with that one line changed.
 */
const zodExternal = join(dirname(createRequire(import.meta.url).resolve('zod/package.json')), 'v4/classic/external.js');
const zodDirect = {
  name: 'zod-direct',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (a) => {
      if (a.path.includes('node_modules')) return undefined;
      const text = readFileSync(a.path, 'utf8');
      const line = /^import \{ z \} from 'zod';$/m;
      return line.test(text) ? { contents: text.replace(line, `import * as z from ${JSON.stringify(zodExternal)};`), loader: 'js', resolveDir: dirname(a.path) } : undefined;
    });
  },
};

/**
 * Built-in modules loaded on first use instead of at start-up (node:crypto alone costs 2–10 ms):
 * for each importer, the functions it uses, each calling the module's own.
 */
const DEFERRED = [
  { importer: /commander[\\/]lib[\\/]command\.js$/, module: 'node:child_process', names: ['spawn'] },
  { importer: /dist[\\/]io[\\/]output\.js$/, module: 'node:crypto', names: ['randomBytes'] },
  // Only a deal with an .xlsx tape starts the workbook reader's thread.
  { importer: /dist[\\/]io[\\/]xlsxBridge\.js$/, module: 'node:worker_threads', names: ['MessageChannel', 'receiveMessageOnPort', 'Worker'] },
];
const deferBuiltins = {
  name: 'defer-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:(child_process|crypto|worker_threads)$/ }, (a) => {
      const i = DEFERRED.findIndex((d) => d.module === a.path && d.importer.test(a.importer));
      return i < 0 ? undefined : { path: String(i), namespace: 'deferred' };
    });
    b.onLoad({ filter: /.*/, namespace: 'deferred' }, (a) => {
      const d = DEFERRED[Number(a.path)];
      return { // A function, not an arrow, so a class (`new Worker(…)`) is constructed too.
      contents: d.names.map((n) => `exports.${n} = function (...args) { const f = require('${d.module}').${n}; return new.target ? new f(...args) : f(...args); };`).join('\n'), loader: 'js' };
    });
  },
};

/**
 * The bundle in ASCII: esbuild escapes strings but leaves regular expressions and comments as
 * written; a \uXXXX escape (surrogates one by one) means the same character in either.
 */
function ascii(text) {
  if (/\\[^\x00-\x7f]/.test(text)) throw new Error('the bundle has a backslash before a non-ASCII character: escape it in the source');
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  plugins: [zodEnglishOnly, zodWithoutFromJsonSchema, zodDirect, deferBuiltins],
  write: false,
};

rmSync('dist/bundle', { recursive: true, force: true });
mkdirSync('dist/bundle');

// The CLI as the body of a CommonJS module function, which bin/loadCli.js compiles with V8's code
// cache (node:vm). Its first line is the SHA-256 of the rest: the cache made for it carries the
// same. ASCII only (see ascii()), so it loads as a one-byte string without decoding.
// import.meta.url (the worker's file, the holiday data) is the bundle's own URL.
// exceljs (≈ 1 MB with its zip and XML libraries) is loaded from node_modules by the workbook
// format only (`--format xlsx`), never bundled: the other commands neither read nor compile it.
const cli = await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.js',
  format: 'cjs',
  // ECharts (HTML charts only) is required from node_modules on first use, not bundled: see src/report/chart/svg.ts.
  external: ['exceljs', 'echarts'],
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "(function (exports, require, module, __filename, __dirname) {const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '})' },
});
const body = Buffer.from(ascii(cli.outputFiles[0].text));
writeFileSync('dist/bundle/cli.js', Buffer.concat([Buffer.from(`//${createHash('sha256').update(body).digest('hex')}\n`), body]));

// The worker as an ES module (dist is "type": "module"); commander and csv-parse are CommonJS.
const worker = await build({
  ...common,
  entryPoints: ['dist/stress/mcWorker.js'],
  outfile: 'dist/bundle/mcWorker.js',
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
writeFileSync('dist/bundle/mcWorker.js', worker.outputFiles[0].contents);

// The workbook reader's worker (dist/io/xlsxWorker.js), started only for a deal with an .xlsx
// tape: exceljs stays outside every bundle, imported from node_modules when a workbook is read,
// so the CLI's start-up neither loads nor compiles it.
const xlsxWorker = await build({
  ...common,
  entryPoints: ['dist/io/xlsxWorker.js'],
  outfile: 'dist/bundle/xlsxWorker.js',
  format: 'esm',
  external: ['exceljs'],
});
writeFileSync('dist/bundle/xlsxWorker.js', xlsxWorker.outputFiles[0].contents);

const script = "import { writeCodeCache } from './bin/loadCli.js'; await writeCodeCache(['run', 'deals/guangkai-patent-license.json']);";
const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
// Without the cache the CLI still works, only compiles at start-up.
if (r.status !== 0) console.error(`scripts/bundle.mjs: no code cache (making it exited with ${r.status}); the CLI will compile at start-up`);
