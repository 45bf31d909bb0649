/**
 * `ipabs track` with the defaulted asset named (违约金额 / 回收金额 with 对象 = the asset's id, or a
 * 资产编号 column in the wide form): the status made from the actuals defaults that asset —
 * balance, date, recovered to date, expected recovery at the scenario's rate and lag — checked
 * against the period's 违约金额 and against a status file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';

const DEAL = 'deals/guangkai-patent-license.json';
const ACTUALS = 'deals/actuals/guangkai-2021-08-26.csv';
const STATUS = 'deals/status/guangkai-2021-08-26.json';
const SCENARIO = 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json';
const tmp = useTempDir('ipabs-track-assets-');
const lines = () => readFileSync(ACTUALS, 'utf8').trimEnd().split('\n');
const DEFAULT = '2021-02-26,违约金额,,43875000.00,';
const RECOVERY = '2021-08-26,回收金额,,300000.00,';
const edited = (name: string, edit: (l: string) => string, more: string[] = []) => tmp.file(name, `${[...lines().map(edit), ...more].join('\n')}\n`);
/** The example with its default and recovery named: C03 (专利客户03). */
const named = (name: string, asset = 'C03') => edited(name, (l) => (l.startsWith(DEFAULT) ? l.replace(',违约金额,,', `,违约金额,${asset},`) : l.startsWith(RECOVERY) ? l.replace(',回收金额,,', `,回收金额,${asset},`) : l));
const track = (file: string, ...more: string[]) => runCli(['track', DEAL, '--actuals', file, '--scenario', SCENARIO, ...more]);
type Json = { sections: Record<string, { rows: Record<string, string | number | null>[]; values: Record<string, unknown> }>; notes: string[] };

describe('ipabs track: the defaulted asset named', () => {
  it('the status from the actuals defaults it: recovered to date from 回收金额, the rest at the scenario’s rate after its lag', async () => {
    const r = await track(named('named.csv'), '--format', 'json', '--lang', 'en');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Json;
    // C03 defaulted 43,875,000.00 in period 6; the scenario recovers 20% of it 4 periods later (period 10,
    // paid 2022-02-28): 8,775,000.00 in all, of which 300,000.00 came in period 8: 8,475,000.00 to come.
    const pool = j.sections['rest-pool']!.rows;
    expect(pool.find((p) => p['period'] === 10)!['recoveries']).toBe('8475000.00');
    expect(pool.filter((p) => p['period'] !== 10).every((p) => p['recoveries'] === '0.00')).toBe(true);
    expect(j.notes).toContain('C03: defaulted 43,875,000.00 CNY on 2021-02-26, recovered 300,000.00 CNY to 2021-08-26, expected to recover 8,775,000.00 CNY in all at the scenario’s rate and lag, 8,475,000.00 CNY to come on 2022-02-28.');
    expect(j.notes.join('\n')).not.toContain('names no asset');
    const zh = JSON.parse((await track(named('named-zh.csv'), '--format', 'json', '--unit', 'wan')).out) as Json;
    expect(zh.notes).toContain('C03：2021-02-26违约4,387.50万元，截至2021-08-26已回收30.00万元，按情景回收率与回收期预计共回收877.50万元，待回收847.50万元（2022-02-28）。');
    expect(j.sections['summary']!.values['statusFrom']).toBe('the actuals (C03 defaulted as they say; the other assets’ statuses as the scenario projects them to that date: an assumption)');
    // The period's lines are the pool's, as before: the named figures are their sums.
    const variance = j.sections['variance']!.rows;
    expect(variance).toContainEqual(expect.objectContaining({ period: 8, item: 'recoveries', objectId: null, actual: '300000.00' }));
    // Not named, the projection's default of C03 stands, its 8,775,000.00 all still to come.
    const unnamed = JSON.parse((await track(ACTUALS, '--format', 'json', '--lang', 'en')).out) as Json;
    expect(unnamed.sections['rest-pool']!.rows.find((p) => p['period'] === 10)!['recoveries']).toBe('8775000.00');
    expect(unnamed.notes).toContain('The 违约金额 of period 6 names no asset (对象 or 资产编号): the assets’ statuses come from the scenario.');
  });

  it('a 违约日 dates the default; the wide form names the asset in a 资产编号 column', async () => {
    // Wide: a line per payment date for the pool's and objects' figures, and one for C03's default and recovery.
    const figures = lines().slice(1).map((l) => l.split(',')).filter((f) => f[1] !== '违约金额' && f[1] !== '回收金额');
    const header = (f: string[]) => (f[2] === '' ? f[1]! : f[1] === '税费' ? f[2]! : `${f[2]} ${f[1]}`);
    const columns = [...new Set(figures.map(header))];
    const dates = [...new Set(figures.map((f) => f[0]!))];
    const rows = dates.map((d) => [d, '', '', ...columns.map((c) => figures.find((f) => f[0] === d && header(f) === c)?.[3] ?? ''), '', '']);
    const file = tmp.file('wide.csv', `${[['兑付日', '资产编号', '违约日', ...columns, '违约金额', '回收金额'], ...rows, ['2021-02-26', 'C03', '2021-01-15', ...columns.map(() => ''), '43875000.00', ''], ['2021-08-26', 'C03', '', ...columns.map(() => ''), '', '300000.00']].map((r) => r.join(',')).join('\n')}\n`);
    const wide = await track(file, '--format', 'json', '--lang', 'en');
    expect(wide.err).toBe('');
    const long = await track(named('dated.csv'), '--format', 'json', '--lang', 'en');
    // The same but for the default's date (in the note and the rest's events), which the long file leaves to the collection end.
    expect(wide.out.replaceAll('2021-01-15', '2021-02-26')).toBe(long.out);
    expect(wide.out).toContain('C03: defaulted 43,875,000.00 CNY on 2021-01-15');
  });

  it('agrees with the status file, which defaults C03; naming another asset, or a recovery the status has not, is a mismatch naming both figures', async () => {
    // The default named, the recovery left to the pool: the status's C03 (43,875,000.00, nothing recovered yet) agrees.
    const ok = await track(edited('status-ok.csv', (l) => (l.startsWith(DEFAULT) ? l.replace(',违约金额,,', ',违约金额,C03,') : l)), '--status', STATUS);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    // The recovery named too: the status (as the projection wrote it) has recovered nothing of C03 by 2021-08-26.
    const recovered = await track(named('status-recovered.csv'), '--status', STATUS);
    expect(recovered.code).toBe(2);
    expect(recovered.err).toContain('asset C03 recovered to date: the status has 0.00, the actuals 300000.00 (the sum of its 回收金额)');
    expect(recovered.err).not.toContain('asset C03 defaulted');
    const other = await track(named('status-c04.csv', 'C04'), '--status', STATUS);
    expect(other.code).toBe(2);
    expect(other.err).toContain('asset C04 defaulted: the status has 0.00, the actuals 43875000.00 (its 违约金额 on 2021-02-26)');
  });

  const cases: { name: string; file: () => string; message: RegExp }[] = [
    // Named 43,000,000.00 and the period's 违约金额 43,875,000.00.
    { name: 'sum', file: () => edited('sum.csv', (l) => l, ['2021-02-26,违约金额,C03,43000000.00,']), message: /sum\.csv: period 6 \(2021-02-26\): the assets named defaulted 43000000\.00 \(C03 43000000\.00\), the period's 违约金额 is 43875000\.00: they must agree/ },
    { name: 'unknown', file: () => named('unknown.csv', 'C99'), message: /unknown\.csv:49:3: unknown asset "C99" for 违约金额/ },
    { name: 'recovery', file: () => edited('recovery.csv', (l) => (l.startsWith(RECOVERY) ? l.replace(',回收金额,,', ',回收金额,C05,') : l)), message: /recovery\.csv:70: 回收金额 of C05: no 违约金额 names C05 on or before 2021-08-26/ },
    { name: 'twice', file: () => edited('twice.csv', (l) => (l.startsWith(DEFAULT) ? l.replace(',违约金额,,', ',违约金额,C03,') : l), ['2021-05-26,违约金额,C03,1.00,']), message: /twice\.csv:80: C03 defaults once: its 违约金额 is given on line 49 too/ },
    { name: 'date', file: () => tmp.file('date.csv', '兑付日,项目,对象,金额,违约日\n2019-11-26,违约金额,C03,1.00,2020-01-01\n'), message: /date\.csv:2: 违约日 2020-01-01 of C03 is outside the collection period of 2019-11-26 \(2019-09-11 to 2019-11-26\)/ },
    { name: 'not-asset', file: () => tmp.file('not-asset.csv', '兑付日,资产编号,许可费回收\n2019-11-26,C03,1.00\n'), message: /not-asset\.csv:2:2: 资产编号 C03: a line naming an asset gives only its 违约金额 and 回收金额 \(not 本金回收\)/ },
  ];
  for (const c of cases) {
    it(`refuses (exit 2): ${c.name}`, async () => {
      const r = await track(c.file());
      expect(r.err).toMatch(c.message);
      expect(r.code).toBe(2);
    });
  }
});
