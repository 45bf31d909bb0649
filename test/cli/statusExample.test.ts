/**
 * The worked example of a live deal in deals/: 广开专利 on its 8th payment date (2021-08-26), with
 * 专利客户03 having stopped paying after its 5th royalty (an assumed scenario). The committed status
 * file is exactly what `--status-at` writes, and the run from it gives the projection's later
 * periods to the fen.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const DEAL = 'deals/guangkai-patent-license.json';
const SCENARIO = 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json';
const STATUS = 'deals/status/guangkai-2021-08-26.json';

interface RunJson {
  tranches: { id: string; periods: { date: string; interestPaid: string; principalPaid: string; endBalance: string }[] }[];
}

describe('the worked example of a live deal', () => {
  it('deals/status/guangkai-2021-08-26.json is what ipabs run --status-at writes', async () => {
    const r = await runCli(['run', DEAL, '--scenario', SCENARIO, '--status-at', '2021-08-26']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(STATUS, 'utf8'));
  });

  it('the run from it pays, period by period, what the whole projection pays after the 8th payment date', async () => {
    const whole = await runCli(['run', DEAL, '--scenario', SCENARIO, '--format', 'json']);
    const rest = await runCli(['run', DEAL, '--status', STATUS, '--scenario', SCENARIO, '--format', 'json']);
    expect(whole.code).toBe(0);
    expect(rest.code).toBe(0);
    const after = (j: RunJson) => j.tranches.map((t) => ({ id: t.id, periods: t.periods.filter((p) => p.date > '2021-08-26').map((p) => [p.date, p.interestPaid, p.principalPaid, p.endBalance]) }));
    const expected = after(JSON.parse(whole.out) as RunJson);
    expect(expected[0]!.periods.length).toBeGreaterThan(0);
    expect(after(JSON.parse(rest.out) as RunJson)).toEqual(expected);
  });
});
