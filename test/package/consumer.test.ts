/**
 * The package as a user gets it — THE SLOWEST TEST of the suite (30–90 s under load: npm pack, npm install,
 * tsc): packs the built package (`npm pack`, so run `npm run build` first; `npm test` does),
 * installs the tarball into a temporary project (dependencies from the npm cache, else the
 * registry) and type-checks with this repository's tsc, then runs with node, the examples in
 * test/package/consumer/: an ES module (`import … from 'ipabs'`) and a CommonJS one
 * (`require('ipabs')`), each reading `ipabs/package.json`, `ipabs/schemas/…` and running a deal
 * from `ipabs/deals/…` — and the README's library example.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeal, runDeal, runJson, poolStats, fmtFen, ScenarioSchema, BASE_SCENARIO } from '../../src/index.js';

const repo = resolve('.');
const examples = join(repo, 'test/package/consumer');
let dir = '';
let project = '';
let packed: string[] = [];
let installErr = '';

/** The README's example under "Using ipabs as a library". */
function readmeExample(): string {
  const readme = readFileSync('README.md', 'utf8');
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('### Using ipabs as a library')));
  if (!m) throw new Error('no ts block under "Using ipabs as a library" in README.md');
  return m[1]!;
}

/** Runs a command; throws with its output when it fails. */
function run(cmd: string, args: string[], cwd: string): { out: string; err: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.error?.message}:\n${r.stdout}\n${r.stderr}`);
  return { out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(repo, 'dist/index.d.ts'))) throw new Error('no dist/: run `npm run build` before this test (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'ipabs-consumer-'));
  project = join(dir, 'project');
  // --ignore-scripts: the tarball of the build just made (prepack would build again).
  const pack = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], repo).out) as { filename: string; files: { path: string }[] }[];
  packed = pack[0]!.files.map((f) => f.path);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ipabs-consumer', private: true }));
  installErr = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, pack[0]!.filename)], project).err;
  for (const f of ['esm.mts', 'cjs.cts']) copyFileSync(join(examples, f), join(project, f));
  writeFileSync(join(project, 'readme.mts'), readmeExample());
  const compilerOptions = {
    module: 'nodenext',
    target: 'es2022',
    strict: true,
    outDir: 'out',
    resolveJsonModule: true,
    // The package's declarations are checked too, against its installed dependencies.
    skipLibCheck: false,
    types: ['node'],
    typeRoots: [join(repo, 'node_modules/@types')],
  };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['esm.mts', 'cjs.cts', 'readme.mts'] }));
}, 300_000);

// Removing the installed project (≈ 200 packages) can take seconds on a loaded machine.
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('the packed package (slow: npm pack, npm install, tsc)', () => {
  it('holds the build, schemas, deals, LICENSE and README, and no sources or tests', () => {
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/bundle/cli.js', 'bin/ipabs.js', 'schemas/deal.schema.json', 'deals/guangkai-patent-license.json', 'deals/gaoxintou-ip-2.tape.csv'])
      expect(packed).toContain(f);
    expect(packed.filter((f) => /^(src|test|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('installs without an install-script warning (the build is prepack, not prepare)', () => {
    expect(installErr).not.toMatch(/install-scripts|prepare/);
  });

  it('type-checks the import and require examples with tsc, then runs both with node', () => {
    run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project);
    const [esm, cjs] = ['out/esm.mjs', 'out/cjs.cjs'].map((f) => {
      const { out, err } = run(process.execPath, [f], project);
      // No ExperimentalWarning (require of an ES module, JSON imports) on this Node.
      expect(err).toBe('');
      return JSON.parse(out) as Record<string, unknown>;
    });

    const { deal } = loadDeal('deals/guangkai-patent-license.json');
    const result = runDeal(deal!, ScenarioSchema.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] }));
    const expected = {
      version: (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
      schemaId: (JSON.parse(readFileSync('schemas/deal.schema.json', 'utf8')) as { $id: string }).$id,
      parsed: true,
      name: deal!.spec.meta.name,
      balance: poolStats(deal!.spec, deal!.assets).balance.toFixed(2),
      loss: result.tranches.map((t) => fmtFen(t.summary.loss)),
      conserved: true,
      baseBalance: runJson(runDeal(deal!, BASE_SCENARIO)).tranches[0]!.balance,
    };
    expect(esm).toEqual(expected);
    expect(cjs).toEqual({ ...expected, tapeAssets: loadDeal('deals/gaoxintou-ip-2.json').deal!.assets.length });
  });

  it("runs the README's example (type-checked above) in the installed package's folder", () => {
    const { out } = run(process.execPath, [join(project, 'out/readme.mjs')], join(project, 'node_modules/ipabs'));
    const { deal } = loadDeal('deals/guangkai-patent-license.json');
    const result = runDeal(deal!, ScenarioSchema.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] }));
    expect(out).toBe(`${poolStats(deal!.spec, deal!.assets).balance.toFixed(2)}\n${fmtFen(result.tranches[0]!.summary.loss)} true\n`);
  });

  it('installs a working ipabs command', () => {
    const { out } = run(join(project, 'node_modules/.bin/ipabs'), ['--version'], project);
    expect(out.trim()).toContain((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
