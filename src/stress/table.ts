/** One row per scenario: what each tranche loses, its WAL and last date, coverage, support drawn. */
import { runDeal, type PreparedDeal } from '../engine/run.js';
import type { RunResult } from '../engine/types.js';
import type { SupportSpec } from '../schema/deal.js';
import { sum, ZERO, type Decimal } from '../util/money.js';
import type { NamedScenario } from './scenarios.js';

export interface StressTranche {
  id: string;
  loss: Decimal;
  /** Loss over the tranche's balance. */
  lossRate: Decimal;
  wal?: number;
  finalPaymentDate?: string;
  interestShortfall: Decimal;
}

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
    sum(r.supports.filter((s) => DRAWN_COLUMN[s.kind as SupportSpec['kind']] === column).map((s) => s.totalDrawn));
  // Draws only: a reserve's release at the end is not a draw.
  const reserveDrawn = sum(r.accounts.filter((a) => a.kind === 'reserve').map((a) => a.drawn ?? ZERO));
  return {
    name,
    tranches: r.tranches.map((t) => ({
      id: t.id,
      loss: t.summary.loss,
      lossRate: t.balance.isZero() ? ZERO : t.summary.loss.div(t.balance),
      wal: t.summary.wal,
      finalPaymentDate: t.summary.finalPaymentDate,
      interestShortfall: t.summary.interestShortfall,
    })),
    minCoverage: r.coverage.minimum,
    defaulted: r.pool.totalDefaulted,
    reserveDrawn,
    guaranteeDrawn: drawn('guaranteeDrawn'),
    undertakingDrawn: drawn('undertakingDrawn'),
    liquidityDrawn: drawn('liquidityDrawn'),
  };
}

/** Runs every scenario. */
export function stressTable(prepared: PreparedDeal, scenarios: readonly NamedScenario[]): StressRow[] {
  return scenarios.map((s) => stressRow(s.name, runDeal(prepared, s.scenario, { detail: false })));
}
