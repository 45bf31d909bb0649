/**
 * One row per scenario: what each tranche loses, its WAL and last date, when it was repaid and how
 * late against its expected maturity, the interest it missed; coverage, support drawn.
 */
import { timeliness } from '../analytics/timeliness.js';
import { runDeal, type PreparedDeal } from '../engine/run.js';
import { runFromStatus, type EngineStatus } from '../engine/status.js';
import type { RunResult } from '../engine/types.js';
import type { SupportSpec } from '../schema/deal.js';
import { Decimal, ZERO } from '../util/money.js';
import { sumMoney, toYuan, NIL } from '../util/fen.js';
import type { NamedScenario } from './scenarios.js';

/** One tranche under one stress scenario: its loss, lateness and interest missed. */
export interface StressTranche {
  id: string;
  loss: Decimal;
  /** Loss over the tranche's balance. */
  lossRate: Decimal;
  wal?: number;
  finalPaymentDate?: string;
  interestShortfall: Decimal;
  /** The payment date the principal was repaid in full; none when it never was (see loss). */
  repaidOn?: string;
  /** Payment periods after the expected maturity before it was repaid; none when unpaid. */
  periodsLate?: number;
  /** Interest not paid in full on the date it fell due (paid late or never), in yuan (whole fen). */
  interestMissed: Decimal;
}

/** One row of {@link stressTable}: a scenario and how each tranche fares under it. */
export interface StressRow {
  name: NamedScenario['name'];
  tranches: StressTranche[];
  minCoverage?: Decimal;
  defaulted: Decimal;
  reserveDrawn: Decimal;
  guaranteeDrawn: Decimal;
  undertakingDrawn: Decimal;
  liquidityDrawn: Decimal;
}

/** The column of a stress row that sums the draws on each kind of external support. */
const DRAWN_COLUMN: Record<SupportSpec['kind'], 'guaranteeDrawn' | 'undertakingDrawn' | 'liquidityDrawn'> = {
  loanGuarantee: 'guaranteeDrawn',
  shortfallUndertaking: 'undertakingDrawn',
  liquiditySupport: 'liquidityDrawn',
};

/** Summarises one run as a stress row. */
export function stressRow(name: NamedScenario['name'], r: RunResult): StressRow {
  const drawn = (column: (typeof DRAWN_COLUMN)[SupportSpec['kind']]) =>
    toYuan(sumMoney(r.supports.filter((s) => DRAWN_COLUMN[s.kind as SupportSpec['kind']] === column).map((s) => s.totalDrawn)));
  // Draws only: a reserve's release at the end is not a draw.
  const reserveDrawn = toYuan(sumMoney(r.accounts.filter((a) => a.kind === 'reserve').map((a) => a.drawn ?? NIL)));
  return {
    name,
    tranches: r.tranches.map((t) => {
      const late = timeliness(t.periods, t.balance, t.expectedMaturity);
      return {
        id: t.id,
        loss: toYuan(t.summary.loss),
        lossRate: t.balance === 0 ? ZERO : new Decimal(t.summary.loss).div(t.balance),
        wal: t.summary.wal,
        finalPaymentDate: t.summary.finalPaymentDate,
        interestShortfall: toYuan(t.summary.interestShortfall),
        repaidOn: late.repaidOn,
        periodsLate: late.periodsLate,
        interestMissed: toYuan(late.interestMissed),
      };
    }),
    minCoverage: r.coverage.minimum,
    defaulted: toYuan(r.pool.totalDefaulted),
    reserveDrawn,
    guaranteeDrawn: drawn('guaranteeDrawn'),
    undertakingDrawn: drawn('undertakingDrawn'),
    liquidityDrawn: drawn('liquidityDrawn'),
  };
}

/** Runs every scenario (from `status` when given: the rest of a live deal). */
export function stressTable(prepared: PreparedDeal, scenarios: readonly NamedScenario[], status?: EngineStatus): StressRow[] {
  return scenarios.map((s) => stressRow(s.name, status ? runFromStatus(prepared, status, s.scenario, { detail: false }) : runDeal(prepared, s.scenario, { detail: false })));
}
