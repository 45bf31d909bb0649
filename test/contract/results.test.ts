/** The JSON contracts of the results: every golden JSON meets its schema, and a schema can fail. */
import { readdirSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkResultJson, contractProblems, resultSchema, type ResultKind } from '../../src/contract/index.js';
import { runResultSchema } from '../../src/contract/runResult.js';
import { InternalError } from '../../src/validate/diagnostics.js';
import { runCli, sampleDeals } from '../helpers.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { runDeal } from '../../src/engine/run.js';
import { runJson } from '../../src/contract/runResult.js';

/** Every golden JSON file and the result it is the output of. */
function goldenJson(): { file: string; kind: ResultKind }[] {
  const files: { file: string; kind: ResultKind }[] = [];
  for (const dir of ['run', 'commands', 'pool', 'price', 'track']) {
    for (const name of readdirSync(`test/golden/${dir}`).filter((f) => f.endsWith('.json.txt'))) {
      const command = /\.(run|stress|breakeven|obligors|montecarlo)\./.exec(name)?.[1];
      const kind = dir === 'commands' ? command : dir;
      if (kind === undefined) throw new Error(`which command wrote ${dir}/${name}?`);
      files.push({ file: `test/golden/${dir}/${name}`, kind: kind as ResultKind });
    }
  }
  return files;
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

describe('the JSON contracts of the results', () => {
  const goldens = goldenJson();
  it('cover every golden JSON of every command', () => {
    expect(new Set(goldens.map((g) => g.kind))).toEqual(new Set(['run', 'stress', 'breakeven', 'obligors', 'montecarlo', 'pool', 'price', 'track']));
    expect(goldens.length).toBeGreaterThanOrEqual(38);
  });

  for (const { file, kind } of goldens) {
    it(`${file} meets the ${kind} contract`, () => {
      expect(contractProblems(kind, read(file))).toEqual([]);
    });
  }

  it('reads a run result back and writes it again byte for byte: no field is outside the schema', () => {
    for (const { file } of goldens.filter((g) => g.kind === 'run')) {
      const text = readFileSync(file, 'utf8');
      const value = z.decode(runResultSchema(), JSON.parse(text));
      expect(`${JSON.stringify(z.encode(runResultSchema(), value), null, 2)}\n`, file).toBe(text);
    }
  });

  it('the ledger of every sample deal (--ledger) meets the run contract', () => {
    for (const file of sampleDeals()) {
      const json = runJson(runDeal(loadDeal(file).deal!), { ledger: true });
      expect(json.ledger?.length, file).toBeGreaterThan(0);
      expect(contractProblems('run', JSON.parse(JSON.stringify(json))), file).toEqual([]);
    }
  });

  it('fails a run result with a field missing, renamed, or an amount not in yuan with two decimals', () => {
    const missing = read('test/golden/run/guangkai-patent-license.json.txt');
    delete missing['tranches'][0]['periods'][3]['interestPaid'];
    expect(contractProblems('run', missing)).toEqual(['tranches.0.periods.3.interestPaid: Invalid input: expected string, received undefined']);

    const renamed = read('test/golden/run/guangkai-patent-license.json.txt');
    renamed['pool']['collected'] = renamed['pool']['totalCollected'];
    delete renamed['pool']['totalCollected'];
    expect(contractProblems('run', renamed)).toEqual(['pool.totalCollected: Invalid input: expected string, received undefined']);

    const amount = read('test/golden/run/guangkai-patent-license.json.txt');
    amount['checks']['cashIn'] = '1234.5';
    expect(contractProblems('run', amount)).toHaveLength(1);
    expect(contractProblems('run', amount)[0]).toMatch(/^checks\.cashIn: /);
  });

  it('fails a report with a section, a row key or a value kind not as the contract says', () => {
    const stress = read('test/golden/commands/guangkai-patent-license.stress.json.txt');
    stress['sections']['stress']['rows'][1]['minimumCoverage'] = stress['sections']['stress']['rows'][1]['minCoverage'];
    delete stress['sections']['stress']['rows'][1]['minCoverage'];
    expect(contractProblems('stress', stress)).toEqual(['sections.stress.rows.1.minCoverage: Invalid input: expected string, received undefined']);

    const mc = read('test/golden/commands/guangkai-patent-license.montecarlo.json.txt');
    delete mc['sections']['losses'];
    expect(contractProblems('montecarlo', mc)).toEqual(['sections.losses: Invalid input: expected object, received undefined']);

    const breakeven = read('test/golden/commands/guangkai-patent-license.breakeven.json.txt');
    breakeven['sections']['ratings']['rows'][0]['minWith'] = 0.05;
    expect(contractProblems('breakeven', breakeven)).toHaveLength(1);
  });

  it('a command about to write JSON its contract refuses: a bug, not bad input', () => {
    const pool = read('test/golden/pool/wenke-lease-1.json.txt');
    delete pool['title'];
    expect(() => checkResultJson('pool', JSON.stringify(pool))).toThrow(InternalError);
    expect(() => checkResultJson('pool', JSON.stringify(pool))).toThrow(/the pool JSON does not meet its contract \(pool-result\.schema\.json\): title: /);
  });

  it('builds each schema once, on first use', () => {
    expect(resultSchema('stress')).toBe(resultSchema('stress'));
    expect(runResultSchema()).toBe(resultSchema('run'));
  });
});

describe('ipabs schema --result', () => {
  it('writes the schema of a command’s JSON output; --run-result is --result run', async () => {
    const run = await runCli(['schema', '--result', 'run']);
    expect(run.code).toBe(0);
    expect(run.out).toBe(readFileSync('schemas/run-result.schema.json', 'utf8'));
    expect((await runCli(['schema', '--run-result'])).out).toBe(run.out);
    expect((await runCli(['schema', '--result', 'montecarlo'])).out).toBe(readFileSync('schemas/montecarlo-result.schema.json', 'utf8'));
  });
  it('refuses an unknown result and two schemas at once', async () => {
    const bad = await runCli(['schema', '--result', 'runs']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('ipabs: --result "runs": give one of run, stress, breakeven, obligors, montecarlo, pool, size, price, track, validate\n');
    const two = await runCli(['schema', '--scenario', '--result', 'run']);
    expect(two.code).toBe(2);
    expect(two.err).toBe('ipabs: give one of --scenario, --result: each names a schema\n');
  });
  it('keeps ipabs schema and --scenario', async () => {
    expect((await runCli(['schema'])).out).toBe(readFileSync('schemas/deal.schema.json', 'utf8'));
    expect((await runCli(['schema', '--scenario'])).out).toBe(readFileSync('schemas/scenario.schema.json', 'utf8'));
  });
});
