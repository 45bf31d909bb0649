/**
 * Scenario validation, with JSON paths: an override naming an unknown obligor, a rate given both
 * as cumulative and as annualCdr, front- or back-loaded timing above 0.5, explicit weights that
 * are negative, not finite or all zero. A scenario list reports every invalid item. And
 * `ipabs validate` on scenario files: recognised by `$schema` or `--scenario`, checked for shape,
 * and with `--deal DEAL` for what they name.
 */
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { validateScenario, validateScenarioList } from '../../src/scenario/load.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { runCli, useTempDir } from '../helpers.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const SCHEMA = '../../schemas/scenario.schema.json';
const deal = loadDeal(GUANGKAI).deal!;

const { file } = useTempDir('ipabs-scenario-validate-');

/** The diagnostics of one scenario, as printed. */
const problems = (input: unknown, withDeal = true) => validateScenario(input, 's.json', withDeal ? deal : undefined).diagnostics.map(formatDiagnostic);

describe('validateScenario', () => {
  it('an override naming an unknown obligor: an error with a suggestion, only against a deal', () => {
    const input = { defaultRate: { cumulative: 0.05, overrides: [{ assetType: 'royalty', cumulative: 0.1 }, { obligor: '专利客户1', cumulative: 0.2 }] } };
    expect(problems(input)).toEqual(['error: s.json: defaultRate.overrides[1].obligor: unknown obligor "专利客户1" (did you mean "专利客户01"?)']);
    expect(problems(input, false)).toEqual([]);
    expect(problems({ defaultRate: { overrides: [{ obligor: '专利客户01', cumulative: 0.2 }] } })).toEqual([]);
  });

  it('cumulative and annualCdr both given: an error, in defaultRate or an override', () => {
    expect(problems({ defaultRate: { cumulative: 0.05, annualCdr: 0.02 } })).toEqual(['error: s.json: defaultRate: give cumulative or annualCdr, not both']);
    expect(problems({ defaultRate: { cumulative: 0.05, overrides: [{ obligor: '专利客户01', cumulative: 0.1, annualCdr: 0.1 }] } })).toEqual([
      'error: s.json: defaultRate.overrides[0]: give cumulative or annualCdr, not both',
    ]);
    expect(problems({ defaultRate: { annualCdr: 0.02 } })).toEqual([]);
  });

  it('front- and back-loaded timing: at most 0.5', () => {
    expect(problems({ defaultRate: { cumulative: 0.1, timing: { frontLoaded: 0.6 } } })).toEqual([
      'error: s.json: defaultRate.timing.frontLoaded: must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x), got number 0.6',
    ]);
    expect(problems({ defaultRate: { cumulative: 0.1, timing: { backLoaded: '0.51' } } })).toEqual([
      'error: s.json: defaultRate.timing.backLoaded: must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x), got the text "0.51"',
    ]);
    expect(problems({ defaultRate: { cumulative: 0.1, timing: { backLoaded: 0.5 } } })).toEqual([]);
    expect(problems({ defaultRate: { cumulative: 0.1, timing: { frontLoaded: 0 } } })).toEqual([]);
  });

  it('explicit timing weights: finite, non-negative, not all zero', () => {
    const timing = (explicit: unknown) => problems({ defaultRate: { cumulative: 0.1, timing: { explicit } } });
    expect(timing([0, 0, 0])).toEqual(['error: s.json: defaultRate.timing.explicit: the weights are all zero: give at least one above 0']);
    expect(timing([1, -1])).toEqual(['error: s.json: defaultRate.timing.explicit[1]: must be at least 0 (got number -1)']);
    // 1e999 is Infinity once parsed.
    expect(timing(JSON.parse('[1, 1e999]'))).toEqual(['error: s.json: defaultRate.timing.explicit[1]: must be a number (got number Infinity)']);
    expect(timing([1e308, 1e308])).toEqual(['error: s.json: defaultRate.timing.explicit: the weights add up to more than a number can hold: scale them down']);
    expect(timing([0, 3, 1])).toEqual([]);
  });
});

describe('scenario bounds (issue 7, item 10) and names given twice (item 9)', () => {
  it('amounts at most 10^15 yuan, periods at most 1200, rates 0..1: each with its path', () => {
    expect(
      problems({
        defaults: [{ asset: 'C01', period: 1e40 }],
        recovery: { rate: 0.2, lagPeriods: 5000, delayed: { share: 1e40, extraPeriods: 1201 } },
        supportFailures: [{ support: 'undertaking', from: '2021-01-01', cap: 1e40 }],
        collections: { delayPeriods: 1e40, haircut: '1e40' },
        prepayment: { cpr: 2 },
        spreadCompressionBp: 1e40,
      }),
    ).toEqual([
      'error: s.json: defaults[0].period: must be at most 1200 (got number 1e+40)',
      'error: s.json: recovery.lagPeriods: must be at most 1200 (got number 5000)',
      'error: s.json: recovery.delayed.share: must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got 1e+40',
      'error: s.json: recovery.delayed.extraPeriods: must be at most 1200 (got number 1201)',
      'error: s.json: prepayment.cpr: must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got 2',
      'error: s.json: collections.delayPeriods: must be at most 1200 (got number 1e+40)',
      'error: s.json: collections.haircut: must be a rate: a decimal fraction like 0.049 or "0.049", or a percentage like "4.9%" (got the text "1e40")',
      'error: s.json: spreadCompressionBp: must be at most 10000 (got number 1e+40)',
      'error: s.json: supportFailures[0].cap: must be at most 10^15 yuan (1,000 trillion: beyond any real deal), got number 1e+40',
    ]);
    expect(problems({ supportFailures: [{ support: 'undertaking', from: '2021-01-01', cap: '1000000000000000.00' }], recovery: { lagPeriods: 1200 } })).toEqual([]);
  });

  it('an asset type listed twice in collections changes nothing: accepted', () => {
    expect(problems({ collections: { assetTypes: ['royalty', 'royalty'] } })).toEqual([]);
  });
});

describe('an entry naming again what an earlier one names is an error (the engine would ignore it)', () => {
  const GAOXINTOU = 'deals/gaoxintou-ip-2.json';
  const gaoxintou = loadDeal(GAOXINTOU).deal!;
  /** 专利客户01 (asset C01) also known by its obligorId K01. */
  const aliased = { ...deal, assets: deal.assets.map((a) => (a.id === 'C01' ? { ...a, obligorId: 'K01' } : a)) };
  const GUARANTOR = '深圳市高新投融资担保有限公司';
  const KONGKONG = '广州开发区金融控股集团有限公司（开发区金控）';

  it('defaults: the same obligor or asset twice, with or without the deal', () => {
    const twice = { defaults: [{ obligor: '专利客户01', period: 3, recoveryRate: 0 }, { obligor: '专利客户02', period: 3 }, { obligor: '专利客户01', period: 2, recoveryRate: 1 }] };
    const expected = ['error: s.json: defaults[2].obligor: obligor "专利客户01" already defaults in defaults[0]: one entry per obligor'];
    expect(problems(twice)).toEqual(expected);
    expect(problems(twice, false)).toEqual(expected);
    const asset = { defaults: [{ asset: 'C01', period: 2 }, { asset: 'C01', period: 5 }] };
    expect(problems(asset, false)).toEqual(['error: s.json: defaults[1].asset: asset "C01" already defaults in defaults[0]: one entry per asset']);
  });

  it('defaults: an asset and its obligor, in either order, and an obligor by name and obligorId: only the deal shows them', () => {
    const assetAfter = { defaults: [{ obligor: '专利客户01', period: 3 }, { asset: 'C01', period: 2 }] };
    expect(problems(assetAfter, false)).toEqual([]);
    expect(problems(assetAfter)).toEqual(['error: s.json: defaults[1].asset: asset "C01" already defaults in defaults[0] (by its obligor "专利客户01"): one entry per asset']);
    expect(problems({ defaults: [{ asset: 'C01', period: 2 }, { obligor: '专利客户01', period: 3 }] })).toEqual([
      'error: s.json: defaults[1].obligor: obligor "专利客户01" has asset "C01", which already defaults in defaults[0]: one entry per asset',
    ]);
    const alias = { defaults: [{ obligor: '专利客户01', period: 3 }, { obligor: 'K01', period: 2 }] };
    expect(validateScenario(alias, 's.json', aliased).diagnostics.map(formatDiagnostic)).toEqual([
      'error: s.json: defaults[1].obligor: obligor "K01" has asset "C01", which already defaults in defaults[0] (by its obligor "专利客户01"): one entry per asset',
    ]);
    // Different assets and obligors: no repeat.
    expect(problems({ defaults: [{ obligor: '专利客户01', period: 3 }, { asset: 'C02', period: 2 }, { obligor: '专利客户03', period: 2 }] })).toEqual([]);
  });

  it('supportFailures: the same support or provider twice, or a support and its provider', () => {
    const sf = (...entries: object[]) => ({ supportFailures: entries.map((e) => ({ ...e, from: '2021-06-01' })) });
    const at = (input: unknown, withDeal = true) => validateScenario(input, 's.json', withDeal ? gaoxintou : undefined).diagnostics.map(formatDiagnostic);
    expect(at(sf({ support: 'guarantee' }, { support: 'guarantee', cap: 100 }), false)).toEqual([
      'error: s.json: supportFailures[1].support: support "guarantee" already fails in supportFailures[0]: one entry per support',
    ]);
    expect(at(sf({ provider: GUARANTOR }, { provider: GUARANTOR, cap: 100 }))).toEqual([
      `error: s.json: supportFailures[1].provider: provider "${GUARANTOR}" already fails in supportFailures[0]: one entry per provider`,
    ]);
    expect(at(sf({ provider: GUARANTOR }, { support: 'undertaking' }), false)).toEqual([]);
    expect(at(sf({ provider: GUARANTOR }, { support: 'undertaking' }))).toEqual([
      `error: s.json: supportFailures[1].support: support "undertaking" already fails in supportFailures[0] (by its provider "${GUARANTOR}"): one entry per support`,
    ]);
    expect(at(sf({ support: 'guarantee' }, { provider: GUARANTOR }))).toEqual([
      `error: s.json: supportFailures[1].provider: provider "${GUARANTOR}" has support "guarantee", which already fails in supportFailures[0]: one entry per support`,
    ]);
    expect(at(sf({ support: 'guarantee' }, { support: 'undertaking' }))).toEqual([]);
    expect(problems({ supportFailures: [{ provider: KONGKONG, from: '2021-01-01' }] })).toEqual([]);
  });

  it('defaultRate.overrides: one an earlier override covers entirely would never apply; a partial overlap is a precedence', () => {
    const rate = (...overrides: object[]) => ({ defaultRate: { cumulative: 0.1, overrides: overrides.map((o) => ({ ...o, cumulative: 0.2 })) } });
    expect(problems(rate({ obligor: '专利客户01' }, { obligor: '专利客户01' }), false)).toEqual([
      'error: s.json: defaultRate.overrides[1]: defaultRate.overrides[0] already sets the rate of every asset this one matches (the assets of obligor "专利客户01"); the first match wins, so this one would never apply',
    ]);
    expect(problems(rate({ assetType: 'royalty' }, { assetType: 'royalty', obligor: '专利客户02' }, { assetType: 'lease' }))).toEqual([
      'error: s.json: defaultRate.overrides[1]: defaultRate.overrides[0] already sets the rate of every asset this one matches (the royalty assets of obligor "专利客户02"); the first match wins, so this one would never apply',
    ]);
    expect(problems(rate({}, { assetType: 'lease' }))).toEqual([
      'error: s.json: defaultRate.overrides[1]: defaultRate.overrides[0] already sets the rate of every asset this one matches (the lease assets); the first match wins, so this one would never apply',
    ]);
    expect(problems(rate({ obligor: '专利客户01' }, {}))).toEqual([]);
    expect(problems(rate({ obligor: '专利客户01' }, { assetType: 'royalty' }))).toEqual([]);
    expect(problems(rate({ assetType: 'royalty' }, { obligor: '专利客户01' }))).toEqual([]);
    const alias = rate({ obligor: '专利客户01' }, { obligor: 'K01' });
    expect(validateScenario(alias, 's.json', aliased).diagnostics.map(formatDiagnostic)).toEqual([
      'error: s.json: defaultRate.overrides[1]: defaultRate.overrides[0] already sets the rate of every asset this one matches (the assets of obligor "K01"); the first match wins, so this one would never apply',
    ]);
  });

  it('every path that reads a scenario refuses it: validate --scenario, run --scenario, stress --scenarios', async () => {
    const one = file('dup.json', { defaults: [{ obligor: '借款人01', period: 3, recoveryRate: 0 }, { obligor: '借款人01', period: 2, recoveryRate: 1, recoveryLagPeriods: 0 }] });
    const message = 'defaults[1].obligor: obligor "借款人01" already defaults in defaults[0]: one entry per obligor';
    const shape = await runCli(['validate', '--scenario', one]);
    expect(shape.code).toBe(2);
    expect(shape.out).toBe(`${one}: 1 error (scenario, shape only)\n  error: ${one}: ${message}\n`);
    const against = await runCli(['validate', '--scenario', '--deal', GAOXINTOU, one]);
    expect(against.code).toBe(2);
    expect(against.out).toBe(`${one}: 1 error (scenario for ${GAOXINTOU})\n  error: ${one}: ${message}\n`);
    const run = await runCli(['run', GAOXINTOU, '--scenario', one]);
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err).toBe(`ipabs: ${one} is not a valid scenario:\nerror: ${one}: ${message}\n`);
    const list = file('dup-list.json', [{ name: 'ok' }, { supportFailures: [{ provider: GUARANTOR, from: '2021-06-01' }, { support: 'guarantee', from: '2022-01-01' }] }]);
    const stress = await runCli(['stress', GAOXINTOU, '--scenarios', list, '--no-support', '--format', 'csv']);
    expect(stress.code).toBe(2);
    expect(stress.out).toBe('');
    expect(stress.err).toBe(
      [
        `ipabs: ${list} is not a valid scenario list (1 of 2 scenarios has errors):`,
        `error: ${list}: [1].supportFailures[1].support: support "guarantee" already fails in supportFailures[0] (by its provider "${GUARANTOR}"): one entry per support`,
        '',
      ].join('\n'),
    );
  });
});

describe('a scenario list reports every invalid item', () => {
  const list = [
    { name: 'ok' },
    { defaultRate: { cumulative: 0.1, annualCdr: 0.1 } },
    { name: 'also ok', spreadCompressionBp: 50 },
    { defaultRate: { cumulative: 0.1, timing: { frontLoaded: 0.7 } } },
    { defaults: [{ obligor: '专利客户99', period: 2 }] },
  ];

  it('validateScenarioList: each item with its path from the root', () => {
    const v = validateScenarioList({ scenarios: list }, 'list.json', deal);
    expect(v.scenarios).toBeUndefined();
    expect(v.invalid).toBe(3);
    expect(v.diagnostics.map(formatDiagnostic)).toEqual([
      'error: list.json: scenarios[1].defaultRate: give cumulative or annualCdr, not both',
      'error: list.json: scenarios[3].defaultRate.timing.frontLoaded: must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x), got number 0.7',
      'error: list.json: scenarios[4].defaults[0].obligor: unknown obligor "专利客户99" (did you mean "专利客户09"?)',
    ]);
  });

  it('ipabs stress --scenarios: all of them in one message, exit 2', async () => {
    const path = file('list.json', list);
    const { code, out, err } = await runCli(['stress', GUANGKAI, '--scenarios', path]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      [
        `ipabs: ${path} is not a valid scenario list (3 of 5 scenarios have errors):`,
        `error: ${path}: [1].defaultRate: give cumulative or annualCdr, not both`,
        `error: ${path}: [3].defaultRate.timing.frontLoaded: must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x), got number 0.7`,
        `error: ${path}: [4].defaults[0].obligor: unknown obligor "专利客户99" (did you mean "专利客户09"?)`,
        '',
      ].join('\n'),
    );
  });

  it('an empty list is an error, not an empty table', async () => {
    const path = file('empty.json', { scenarios: [] });
    const { code, err } = await runCli(['stress', GUANGKAI, '--scenarios', path]);
    expect(code).toBe(2);
    expect(err).toBe(`ipabs: ${path} has 1 error:\nerror: ${path}: scenarios: the list of scenarios is empty\n`);
  });

  it('ipabs run --scenario: the same checks', async () => {
    const path = file('run.json', { defaultRate: { cumulative: 0.1, overrides: [{ obligor: 'nobody', cumulative: 0.2 }] } });
    const { code, err } = await runCli(['run', GUANGKAI, '--scenario', path]);
    expect(code).toBe(2);
    expect(err).toBe(`ipabs: ${path} is not a valid scenario:\nerror: ${path}: defaultRate.overrides[0].obligor: unknown obligor "nobody"\n`);
  });
});

describe('ipabs validate on scenario files', () => {
  it('recognises a scenario file by its $schema and checks its shape', async () => {
    const { code, out, err } = await runCli(['validate', 'deals/scenarios/guangkai-two-licensees-stop.json', 'deals/scenarios/cumulative-10pct-front-loaded.json', GUANGKAI]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'deals/scenarios/guangkai-two-licensees-stop.json: ok (scenario, shape only)',
        'deals/scenarios/cumulative-10pct-front-loaded.json: ok (scenario, shape only)',
        `${GUANGKAI}: ok`,
        '',
      ].join('\n'),
    );
  });

  it('reports a bad scenario file as a scenario, not as a broken deal', async () => {
    const path = file('bad.json', { $schema: SCHEMA, name: 'x', defaultRate: { cumulative: 0.1, annualCdr: 0.1, timing: { frontLoaded: 0.9 } } });
    const { code, out } = await runCli(['validate', path]);
    expect(code).toBe(2);
    expect(out).toBe(
      [
        `${path}: 2 errors (scenario, shape only)`,
        `  error: ${path}: defaultRate.timing.frontLoaded: must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x), got number 0.9`,
        `  error: ${path}: defaultRate: give cumulative or annualCdr, not both`,
        '',
      ].join('\n'),
    );
    expect(out).not.toContain('schemaVersion');
  });

  it('with --deal DEAL: what the scenario names, against the deal', async () => {
    const gaoxintou = 'deals/scenarios/gaoxintou-borrower-defaults-guarantor-fails.json';
    expect((await runCli(['validate', gaoxintou, '--deal', 'deals/gaoxintou-ip-2.json'])).out).toBe(`${gaoxintou}: ok (scenario for deals/gaoxintou-ip-2.json)\n`);
    const { code, out } = await runCli(['validate', gaoxintou, '--deal', GUANGKAI]);
    expect(code).toBe(2);
    expect(out).toBe(
      [
        `${gaoxintou}: 2 errors (scenario for ${GUANGKAI})`,
        `  error: ${gaoxintou}: defaults[0].obligor: unknown obligor "借款人01"`,
        `  error: ${gaoxintou}: supportFailures[0].provider: unknown provider "深圳市高新投融资担保有限公司"`,
        '',
      ].join('\n'),
    );
  });

  it('--scenario: lists without $schema, every invalid item', async () => {
    const path = file('plain-list.json', [{ name: 'a' }, { recovery: { rat: 0.3 } }, { defaultRate: { cumulative: 0.1, timing: { explicit: [0] } } }]);
    // Without --scenario it is not recognised, and fails as a deal.
    expect((await runCli(['validate', path])).out).toContain('the file must be an object');
    const { code, out } = await runCli(['validate', '--scenario', path]);
    expect(code).toBe(2);
    expect(out).toBe(
      [
        `${path}: 2 errors (scenario, shape only)`,
        `  error: ${path}: [1].recovery.rat: unknown field (did you mean "rate"?)`,
        `  error: ${path}: [2].defaultRate.timing.explicit: the weights are all zero: give at least one above 0`,
        '',
      ].join('\n'),
    );
  });

  it('--deal naming a broken deal: exit 2, a clear message', async () => {
    const broken = file('broken-deal.json', { schemaVersion: 1 });
    const { code, out, err } = await runCli(['validate', 'deals/scenarios/guangkai-two-licensees-stop.json', '--deal', broken]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(new RegExp(`^ipabs: --deal ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the deal has \\d+ errors \\(run ipabs validate `));
    expect(err).not.toMatch(/\n\s+at /);
  });
});
