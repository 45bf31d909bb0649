/**
 * Loads the CLI fast. `npm run build` (scripts/bundle.mjs) bundles it into one file,
 * dist/bundle/cli.cjs, and records V8's compiled code for it in dist/bundle/cli.cache: loading one
 * file instead of about seventy modules, and reusing compiled code instead of compiling again,
 * takes most of the start-up away (Node 20 has no module compile cache of its own). The cache is
 * used only for the exact bundle it was made from (its SHA-256 heads the file) and only if V8
 * accepts it (same Node version and flags); otherwise the bundle is compiled as usual. Without a
 * bundle (a build by tsc alone) the CLI is loaded from dist/cli/main.js.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('../dist/bundle/cli.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('../dist/bundle/cli.cache', import.meta.url));
const HASH_BYTES = 32;

const sha256 = (text) => createHash('sha256').update(text).digest();

/** The bundle compiled as a CommonJS module, with the cached code when it is the bundle's own. */
function compile(source, useCache) {
  let cachedData;
  if (useCache) {
    try {
      const cache = readFileSync(cacheFile);
      if (cache.subarray(0, HASH_BYTES).equals(sha256(source))) cachedData = cache.subarray(HASH_BYTES);
    } catch {
      // No cache: compile.
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  return new Script(wrapped, { filename: bundle, cachedData });
}

/** Runs the compiled bundle; returns its exports ({ main }). */
function evaluate(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

/** The CLI's module: `{ main(argv) }`. */
export async function loadCli() {
  let source;
  try {
    source = readFileSync(bundle, 'utf8');
  } catch {
    return import('../dist/cli/main.js');
  }
  return evaluate(compile(source, true));
}

/**
 * Runs the bundled CLI on `argv` and then writes the code V8 compiled for it (the top level and
 * every function the run used) to dist/bundle/cli.cache. Used by the build only.
 */
export async function writeCodeCache(argv) {
  const source = readFileSync(bundle, 'utf8');
  const script = compile(source, false);
  const code = await evaluate(script).main(argv);
  if (code !== 0) throw new Error(`ipabs ${argv.join(' ')} exited with ${code} while making the code cache`);
  writeFileSync(cacheFile, Buffer.concat([sha256(source), script.createCachedData()]));
}
