/** `ipabs validate DEAL --status STATUS`, from the built CLI: the status checked against the deal, every problem at once. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../../src/contract/index.js';
import { useTempDir } from '../helpers.js';

const bin = (args: string[]) => {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const GK = 'deals/guangkai-patent-license.json';
const EXAMPLE = 'deals/status/guangkai-2021-08-26.json';
const tmp = useTempDir('ipabs-validate-status-');
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8'));

describe('ipabs validate DEAL --status (spawned)', () => {
  it('says ok for the worked example, with its date and the periods past', () => {
    const r = bin(['validate', GK, '--status', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${GK}: ok\n${EXAMPLE}: ok (status for ${GK}, as of 2021-08-26, 8 periods past)\n`);
  });

  it('lists every problem against the deal at once, by JSON path and tape line (exit 2)', () => {
    const s = example();
    s.tranches[0].balance = '999999999.00';
    s.accounts[1].id = 'riks';
    s.fees.push({ id: 'nope', arrears: '0.00' });
    s.assets = s.assets.filter((a: { id: string }) => a.id !== 'C04' && a.id !== 'C05');
    s.assets.push({ id: 'ZZ9', status: 'performing' });
    tmp.file('assets.csv', '资产编号,资产状态,剩余本金,逾期天数,违约日,违约金额,已回收金额,预计回收金额\nC05,正常,1000,,,,,\nC04,违约,0,,2031-01-01,100,0,50\nQQ1,正常,1,,,,,\n');
    const file = tmp.file('bad.json', { ...s, assetTape: 'assets.csv' });
    const r = bin(['validate', GK, '--status', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    expect(r.out).toContain(`${GK}: ok\n`);
    expect(r.out).toMatch(/bad\.json: 7 errors \(status for deals\/guangkai-patent-license\.json\)/);
    expect(r.out).toContain('bad.json: tranches[0].balance: 999999999.00 is above the tranche\'s issued balance');
    expect(r.out).toContain('bad.json: accounts[1].id: unknown account "riks" (did you mean "risk"?)');
    expect(r.out).toContain('bad.json: fees[4].id: unknown fee "nope"');
    expect(r.out).toMatch(/bad\.json: assets\[\d+\]\.id: unknown asset "ZZ9"/);
    expect(r.out).toMatch(/assets\.csv:3:5 \(column 违约日\): 2031-01-01 is after the status date 2021-08-26/);
    expect(r.out).toMatch(/assets\.csv:4:1 \(column 资产编号\): unknown asset "QQ1"/);
  });

  it('lists the ids that do not fit even when the dates do not', () => {
    const s = example();
    s.asOf = '2031-01-01';
    delete s.lastPaymentDate;
    s.tranches[1].id = 'C';
    const r = bin(['validate', GK, '--status', tmp.file('dates.json', s)]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('asOf: 2031-01-01 is on or after the deal\'s last payment date');
    expect(r.out).toContain('tranches[1].id: unknown tranche "C"');
    expect(r.out).toContain('tranches: tranche "B" is missing');
  });

  it('reports the status file\'s schema problems, and checks only its shape when the deal has errors', () => {
    const shape = tmp.file('shape.json', { asOf: 'yesterday', tranches: 'A' });
    const r = bin(['validate', GK, '--status', shape]);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/shape\.json: \d+ errors? \(status for/);
    expect(r.out).toContain('shape.json: asOf');
    const badDeal = tmp.file('deal.json', { ...JSON.parse(readFileSync(GK, 'utf8')), tranches: [] });
    const d = bin(['validate', badDeal, '--status', EXAMPLE]);
    expect(d.code).toBe(2);
    expect(d.out).toContain(`${EXAMPLE}: ok (status, shape only: ${badDeal} has errors)`);
  });

  it('takes one deal file, without --scenario or --deal (exit 2)', () => {
    const r = bin(['validate', GK, GK, '--status', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('give one deal file');
  });

  it('--format json: the status problems with the same fields as the deal\'s, exit codes as the text', () => {
    const ok = bin(['validate', GK, '--status', EXAMPLE, '--format', 'json']);
    expect(ok.code).toBe(0);
    const v = JSON.parse(ok.out);
    expect(contractProblems('validate', v)).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.files).toEqual([
      { file: GK, kind: 'deal', ok: true, errors: 0, warnings: 0, diagnostics: [] },
      { file: EXAMPLE, kind: 'status', against: GK, asOf: '2021-08-26', periodsPast: 8, ok: true, errors: 0, warnings: 0, diagnostics: [] },
    ]);
    const s = example();
    s.tranches[0].balance = '999999999.00';
    s.assets = s.assets.filter((a: { id: string }) => a.id !== 'C04');
    tmp.file('j.csv', '资产编号,资产状态,违约日,违约金额\nC04,违约,2031-01-01,100\n');
    const file = tmp.file('j.json', { ...s, assetTape: 'j.csv' });
    const bad = bin(['validate', GK, '--status', file, '--format', 'json']);
    expect(bad.code).toBe(2);
    const b = JSON.parse(bad.out);
    expect(contractProblems('validate', b)).toEqual([]);
    expect(b.ok).toBe(false);
    const status = b.files[1];
    expect(status).toMatchObject({ file, kind: 'status', against: GK, ok: false });
    expect(status.errors).toBe(status.diagnostics.length);
    expect(status.diagnostics).toContainEqual({ severity: 'error', file, path: 'tranches[0].balance', message: expect.stringContaining('is above the tranche\'s issued balance') });
    expect(status.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', line: 2, column: 3, columnName: '违约日', message: expect.stringContaining('after the status date') }));
  });

  it('--format json for deals and scenarios as the text says', () => {
    const r = bin(['validate', GK, 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json', '--format', 'json']);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out);
    expect(contractProblems('validate', v)).toEqual([]);
    expect(v.files.map((f: { kind: string }) => f.kind)).toEqual(['deal', 'scenario']);
    const broken = bin(['validate', tmp.file('broken.json', '{'), '--format', 'json']);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.out).files[0]).toMatchObject({ kind: 'unreadable', ok: false, errors: 1 });
  });
});
