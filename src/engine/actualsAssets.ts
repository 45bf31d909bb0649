/**
 * The assets an actuals file names (`ipabs track`): a 违约金额 or 回收金额 line whose 对象 (or 资产编号)
 * is an asset's id. Checked against the deal and the period's pool figures — the named defaults
 * of a period add up to its 违约金额 when both are given (named recoveries to at most its 回收金额);
 * the pool figure is their sum when only they are given — and made into the defaults a status
 * from the actuals carries: the asset's balance defaulted on its 违约日 (else its period's
 * collection end), recovered to date from its 回收金额 lines, expected to recover at the
 * scenario's rate after its lag (the scenario's own for that asset when it names it).
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { resolveDefaults } from '../scenario/defaultRates.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { Decimal } from '../util/money.js';
import { factorOf, fmtFen, maxMoney, mulRound, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import type { PreparedDeal } from './prepare.js';
import type { EngineStatus, StatusDefault } from './statusTypes.js';

/** One 违约金额 or 回收金额 line naming an asset. */
export interface NamedFigure {
  /** 0-based period and the asset's index in the deal. */
  k: number;
  asset: number;
  item: 'defaulted' | 'recoveries';
  amount: Money;
  /** 违约日, when given. */
  date?: IsoDate;
  file: string;
  line: number;
}

/** A default the actuals name, as the status from the actuals carries it. */
export interface NamedDefault {
  asset: number;
  id: string;
  /** 0-based period of the default, and its date. */
  k: number;
  date: IsoDate;
  balance: Money;
  recovered: Money;
  /** Expected to recover in all (recovered to date included), and what is still to come, in which 0-based period. */
  expected: Money;
  pending: { period: number; amount: Money }[];
}

const fmt = (m: Money) => fmtFen(m);

/** Each period's named figures against its pool figure: the diagnostics, and the pool figures the named ones give where the file gives none. */
function poolTotals(prepared: PreparedDeal, lines: Map<string, Money>[], named: readonly NamedFigure[], file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  lines.forEach((m, k) => {
    for (const item of ['defaulted', 'recoveries'] as const) {
      const mine = named.filter((f) => f.k === k && f.item === item);
      if (!mine.length) continue;
      const sum = sumMoney(mine.map((f) => f.amount));
      const pool = m.get(item);
      if (pool === undefined) m.set(item, sum);
      const list = mine.map((f) => `${prepared.deal.assets[f.asset]!.id} ${fmt(f.amount)}`).join(', ');
      const where = `period ${k + 1} (${prepared.periods[k]!.date})`;
      if (item === 'defaulted' && pool !== undefined && pool !== sum) out.push({ severity: 'error', file, message: `${where}: the assets named defaulted ${fmt(sum)} (${list}), the period's 违约金额 is ${fmt(pool)}: they must agree` });
      if (item === 'recoveries' && pool !== undefined && pool < sum) out.push({ severity: 'error', file, message: `${where}: the assets named recovered ${fmt(sum)} (${list}), more than the period's 回收金额 ${fmt(pool)}` });
    }
  });
  return out;
}

/** Each named figure against the deal: one default an asset, within its period and its balance; a recovery after its default. */
function figureChecks(prepared: PreparedDeal, named: readonly NamedFigure[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<number, NamedFigure>();
  for (const f of [...named].sort((a, b) => a.k - b.k)) {
    const at = { severity: 'error' as const, file: f.file, line: f.line };
    const id = prepared.deal.assets[f.asset]!.id;
    if (f.item === 'recoveries') {
      const d = first.get(f.asset);
      if (!d || d.k > f.k) out.push({ ...at, message: `回收金额 of ${id}: no 违约金额 names ${id} on or before ${prepared.periods[f.k]!.date}` });
      continue;
    }
    const before = first.get(f.asset);
    if (before) {
      out.push({ ...at, message: `${id} defaults once: its 违约金额 is given on line ${before.line} too` });
      continue;
    }
    first.set(f.asset, f);
    const p = prepared.periods[f.k]!;
    if (f.date !== undefined && (compareDates(f.date, p.collectionStart) < 0 || compareDates(f.date, p.collectionEnd) > 0)) out.push({ ...at, message: `违约日 ${f.date} of ${id} is outside the collection period of ${p.date} (${p.collectionStart} to ${p.collectionEnd})` });
    const cutoff = prepared.pool.schedules[f.asset]!.balance;
    if (f.amount > cutoff) out.push({ ...at, message: `违约金额 ${fmt(f.amount)} of ${id} is above the asset's balance at the cutoff ${fmt(cutoff)}` });
  }
  return out;
}

/** The named figures checked, and the periods' pool figures completed from them (in place). */
export function checkNamedFigures(prepared: PreparedDeal, lines: Map<string, Money>[], named: readonly NamedFigure[], file: string): Diagnostic[] {
  const own = figureChecks(prepared, named);
  return [...own, ...poolTotals(prepared, lines, named, file)];
}

/** The defaults the actuals name after `past` periods: recovered to date, and to come at the scenario's rate after its lag. */
export function namedDefaults(prepared: PreparedDeal, named: readonly NamedFigure[], scenario: ScenarioSpec, past: number): NamedDefault[] {
  const n = prepared.periods.length;
  const own = resolveDefaults(prepared.pool.assets, scenario, n);
  return named
    .filter((f) => f.item === 'defaulted')
    .map((f) => {
      const spec = own[f.asset];
      const rate = spec?.recoveryRate ?? scenario.recovery.rate;
      const lag = spec?.recoveryLagPeriods ?? scenario.recovery.lagPeriods;
      const recovered = sumMoney(named.filter((r) => r.item === 'recoveries' && r.asset === f.asset).map((r) => r.amount));
      const expected = maxMoney(mulRound(f.amount, factorOf(rate)), recovered);
      const left = sub(expected, recovered);
      const k = Math.max(past, f.k + lag);
      return { asset: f.asset, id: prepared.deal.assets[f.asset]!.id, k: f.k, date: f.date ?? prepared.periods[f.k]!.collectionEnd, balance: f.amount, recovered, expected, pending: left > 0 && k < n ? [{ period: k, amount: left }] : [] };
    });
}

/** The engine's status default of a named default. */
function statusDefault(prepared: PreparedDeal, d: NamedDefault): StatusDefault {
  const start = prepared.pool.schedules[d.asset]!.startBalance[d.k]!;
  const share = start > 0 ? Decimal.min(1, new Decimal(d.balance).div(start)) : new Decimal(1);
  return { asset: d.asset, period: d.k, date: d.date, balance: d.balance, interestMissed: NIL, share, mode: 'default', pending: d.pending.map((p) => ({ ...p, kind: 'recovery' as const })), recovered: d.recovered, settled: false };
}

/** `status` with the named defaults in place of what it says of those assets: nothing performing, the default and its recovery to come. */
export function withNamedDefaults(prepared: PreparedDeal, status: EngineStatus, named: readonly NamedDefault[]): EngineStatus {
  if (!named.length) return status;
  const assets = new Set(named.map((d) => d.asset));
  return {
    ...status,
    assets: status.assets.map((m, i) => (assets.has(i) ? NIL : m)),
    defaults: [...status.defaults.filter((d) => !assets.has(d.asset)), ...named.map((d) => statusDefault(prepared, d))],
    ...(status.overdue ? { overdue: status.overdue.filter((o) => !assets.has(o.asset)) } : {}),
    ...(status.assetStates ? { assetStates: status.assetStates.map((s, i) => (assets.has(i) ? (named.find((d) => d.asset === i)!.pending.length ? 'defaulted' : 'writtenOff') : s)) } : {}),
  };
}
