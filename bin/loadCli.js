/**
 * Loads the CLI fast. `npm run build` (scripts/bundle.mjs) bundles it into one file,
 * dist/bundle/cli.js, and records V8's compiled code for it in dist/bundle/cli.cache: loading one
 * file instead of about seventy modules, and reusing compiled code instead of compiling again,
 * takes most of the start-up away (Node 20 has no module compile cache of its own). The bundle's
 * first line is the SHA-256 of the rest and the cache starts with the same line, so a cache is
 * used only with the bundle it was made from, and only if V8 accepts it (same Node version and
 * flags); otherwise the bundle is compiled as usual.
 */
'use strict';
// CommonJS (bin/package.json): a CommonJS main module starts without Node's ESM loader, which
// costs several milliseconds (it compiles node:fs/promises to read the entry file).
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');
const v8 = require('node:v8');

const bundle = join(__dirname, '../dist/bundle/cli.js');
const unbundled = join(__dirname, '../dist/cli/main.js');
const cacheFile = join(__dirname, '../dist/bundle/cli.cache');
/** `//` and 64 hex digits, then a newline. */
const ID_BYTES = 67;

/**
 * V8 set for a command that lasts a few tens of milliseconds, as `ipabs run` on a deal does, from
 * before the bundle is compiled until the CLI first yields to the event loop after START_MS:
 * TurboFan later (`ticks-before-optimization` 30, not 3; no early optimization of small
 * functions). A short run ends before optimized code would pay for itself, and Node waits at exit
 * for every compile job V8 has started on a background thread (4–8 ms on 2 idle cores, more on a
 * busy machine, where the jobs also take the second core). Ignition and Sparkplug run the code
 * meanwhile. (A young generation that grows faster was tried: fewer scavenges, but more fresh
 * pages to fault in and free, 2–3 ms slower on an idle machine.)
 * A command that outlives START_MS gets V8's defaults back at its first wait (the Monte Carlo
 * workers' threads share the flags, so they tier up as usual). The flags are part of what V8
 * checks a code cache against, so the cache is made under the same ones (writeCodeCache). Only
 * for the V8 whose defaults are these (Node 20's), and not when the command line or NODE_OPTIONS
 * sets any of them.
 */
const START_FLAGS = [
  ['ticks-before-optimization', 30, 3],
  ['max-bytecode-size-for-early-opt', 0, 81],
];
const START_MS = 100;
const TUNED_V8 = /^11\.3\./;

/** Whether the start-up flags apply here: Node 20's V8, none of them set by the user. */
function tunable() {
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').replace(/_/g, '-');
  return TUNED_V8.test(process.versions.v8) && !START_FLAGS.some(([name]) => given.includes(`--${name}`));
}

/** Sets the start-up flags (when they apply); returns the function that puts V8's defaults back. */
function startFlags() {
  if (!tunable()) return () => {};
  // Node's own modules loaded after this miss Node's code cache for them (V8 checks it against the
  // flags too) and are compiled from source: standard output, which every command writes to (a
  // pipe's loads node:net), is made first. (Standard error is made on its first write, if any.)
  void process.stdout;
  for (const [name, value] of START_FLAGS) v8.setFlagsFromString(`--${name}=${value}`);
  return () => {
    for (const [name, , value] of START_FLAGS) v8.setFlagsFromString(`--${name}=${value}`);
  };
}

/** The bundle, a function of (exports, require, module, __filename, __dirname), compiled; with the cached code when it is the bundle's own. */
function compile(bytes, useCache) {
  let cachedData;
  if (useCache) {
    try {
      const cache = readFileSync(cacheFile);
      if (cache.subarray(0, ID_BYTES).equals(bytes.subarray(0, ID_BYTES))) cachedData = cache.subarray(ID_BYTES);
    } catch {
      // No cache: compile.
    }
  }
  // The bundle is ASCII (see scripts/bundle.mjs): latin1 reads it without decoding.
  return new Script(bytes.toString('latin1'), { filename: bundle, cachedData });
}

/** Runs the compiled bundle; returns its exports ({ main }). */
function evaluate(script) {
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return module.exports;
}

/**
 * The CLI's module: `{ main(argv) }`. From the bundle, unless there is none or it is older than
 * the tsc build (`tsc` run alone after `npm run build`): then from dist/cli/main.js. With no
 * build at all (a fresh clone), builds first (bin/firstBuild.js).
 */
async function loadCli(built = false) {
  let bytes;
  try {
    if (statSync(bundle).mtimeMs >= statSync(unbundled).mtimeMs) bytes = readFileSync(bundle);
  } catch {
    // No bundle.
  }
  if (bytes) {
    const restore = startFlags();
    const script = compile(bytes, true);
    // Unref'd: it never keeps the process alive, and fires only when the CLI waits (a short run never does).
    setTimeout(restore, START_MS).unref();
    return evaluate(script);
  }
  try {
    statSync(unbundled);
  } catch (e) {
    if (built) throw e;
    require('./firstBuild.js').buildOnFirstRun();
    return loadCli(true);
  }
  return import(pathToFileURL(unbundled).href);
}

/**
 * Runs the bundled CLI on `argv` and then writes the code V8 compiled for it (the top level and
 * every function the run used) to dist/bundle/cli.cache. Used by the build only.
 */
async function writeCodeCache(argv) {
  const bytes = readFileSync(bundle);
  // Under the flags the CLI starts with (V8 refuses a cache made under others), kept until it is written.
  const restore = startFlags();
  const script = compile(bytes, false);
  const code = await evaluate(script).main(argv);
  if (code !== 0) throw new Error(`ipabs ${argv.join(' ')} exited with ${code} while making the code cache`);
  writeFileSync(cacheFile, Buffer.concat([bytes.subarray(0, ID_BYTES), script.createCachedData()]));
  restore();
}

exports.loadCli = loadCli;
exports.writeCodeCache = writeCodeCache;
