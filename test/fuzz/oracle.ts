/**
 * What must hold for every hostile variant, whatever it is: the verdicts of the fuzz test.
 * Each function returns the problems it finds (empty when all is well), so that a run can
 * collect every failure instead of stopping at the first.
 */

export interface Outcome {
  code: number;
  out: string;
  err: string;
}

/** A Node stack frame, or the name of a JavaScript error (`TypeError:`, `Error: ENOENT`). */
const STACK_LINE = /^\s+at .+/m;
const NODE_ERROR = /\b(?:[A-Z][A-Za-z]*Error|Error)(?: \[[A-Z_]+\])?: /;

/**
 * A diagnostic as formatDiagnostic (src/validate/diagnostics.ts) writes it:
 * `error: FILE: JSON.PATH: message` or `error: FILE:LINE[:COL][ (column NAME)]: message`.
 */
const DIAGNOSTIC = /^\s*error: (?<file>.+?)(?::(?<line>\d+)(?::\d+)?(?: \(column [^)]*\))?)?: (?:(?<path>(?:[A-Za-z_$\u0080-\uffff][^\s.[\]:]*|\[\d+\])(?:\.[^\s.[\]:]+|\[\d+\])*): )?\S/;

/** Exit code, stack traces and Node's error names: the same for every command. */
export function exitProblems(o: Outcome): string[] {
  const problems: string[] = [];
  if (o.code !== 0 && o.code !== 2) problems.push(`exit ${o.code}`);
  if (STACK_LINE.test(o.err) || STACK_LINE.test(o.out)) problems.push('stack trace');
  if (NODE_ERROR.test(o.err)) problems.push(`Node error name in stderr: ${NODE_ERROR.exec(o.err)![0]}`);
  return problems;
}

/**
 * Exit 2 must say where: at least one diagnostic line that names the file that was made wrong
 * (`inputs`, by name: messages may show it relative to the working folder) and either a JSON
 * path or a CSV line; when the whole file was replaced (`wholeFile`: a deal that is `null`, an
 * empty tape) naming the file is enough. `text` is what the command printed (validate: stdout;
 * others: stderr).
 */
export function whereProblems(o: Outcome, text: string, inputs: readonly string[], wholeFile: boolean): string[] {
  if (o.code !== 2) return [];
  for (const line of text.split('\n')) {
    const m = DIAGNOSTIC.exec(line);
    if (!m?.groups) continue;
    const file = m.groups['file']!;
    const named = inputs.some((name) => file === name || file.endsWith(`/${name}`));
    if (named && (wholeFile || m.groups['line'] !== undefined || m.groups['path'] !== undefined)) return [];
  }
  return [`exit 2 without a diagnostic naming ${inputs.join(' or ')} and ${wholeFile ? '' : 'a JSON path or CSV line'}`.replace(/ and $/, '')];
}

/** Amount text (`-123.45`, or a JSON number in a deal file) as whole fen; undefined when it is not an amount. */
export function fen(text: unknown): bigint | undefined {
  if (typeof text === 'number' && Number.isFinite(text) && Math.abs(text) < 1e15) text = text.toFixed(2);
  if (typeof text !== 'string') return undefined;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return undefined;
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -v : v;
}

interface RunJson {
  tranches: {
    id: string;
    periods: { period: number; beginBalance: string; endBalance: string; interestDue: string; interestPaid: string; interestShortfall: string; principalPaid: string; residualPaid: string }[];
  }[];
  pool: { periods: Record<string, string | number>[] };
  fees: { id: string; totalPaid: string; periods: { period: number; due: string; paid: string; arrears: string }[] }[];
  accounts: { id: string; periods: { begin: string; in: string; out: string; end: string }[] }[];
  supports: { id: string; totalDrawn: string; repaid: string }[];
  checks: {
    conservation: boolean;
    cashIn: string;
    cashOut: string;
    held: string;
    periods: { period: number; cashIn: string; cashOut: string; heldBegin: string; heldEnd: string; holds: boolean }[];
  };
}

/** Pool flows that are cash into the plan (guarantee payments are counted as the support's draws). */
const POOL_CASH = ['principal', 'interest', 'recoveries', 'compensation', 'prepaid', 'callProceeds'] as const;

/**
 * For `run --format json` that exited 0: the proof is there and adds up, a recomputation from
 * the report's own tables agrees with it, no balance is negative, and nothing is paid beyond
 * what is due.
 *
 * `deal` is the deal file as parsed: the accounts' opening balances are cash in at closing.
 */
export function runProblems(stdout: string, deal: unknown): string[] {
  let j: RunJson;
  try {
    j = JSON.parse(stdout) as RunJson;
  } catch {
    return ['run --format json printed no JSON'];
  }
  const problems: string[] = [];
  const bad = (what: string) => problems.push(what);
  const amount = (text: unknown, where: string): bigint => {
    const v = fen(text);
    if (v === undefined) {
      bad(`${where} is not an amount: ${JSON.stringify(text)}`);
      return 0n;
    }
    return v;
  };
  const c = j.checks;
  if (c?.conservation !== true) bad('checks.conservation is not true');
  if (!c || !Array.isArray(c.periods)) return [...problems, 'checks has no periods'];
  const cashIn = amount(c.cashIn, 'checks.cashIn');
  const cashOut = amount(c.cashOut, 'checks.cashOut');
  const held = amount(c.held, 'checks.held');
  if (cashIn !== cashOut + held) bad(`checks: cash in ${c.cashIn} ≠ out ${c.cashOut} + held ${c.held}`);

  // The periods chain into the totals.
  let sumIn = 0n;
  let sumOut = 0n;
  let prevEnd = 0n;
  for (const p of c.periods) {
    const pin = amount(p.cashIn, `checks.periods[${p.period}].cashIn`);
    const pout = amount(p.cashOut, `checks.periods[${p.period}].cashOut`);
    const begin = amount(p.heldBegin, `checks.periods[${p.period}].heldBegin`);
    const end = amount(p.heldEnd, `checks.periods[${p.period}].heldEnd`);
    if (begin !== prevEnd) bad(`checks.periods[${p.period}]: held at the start ${p.heldBegin} ≠ the end of the period before`);
    if (begin + pin !== pout + end) bad(`checks.periods[${p.period}]: ${p.heldBegin} + ${p.cashIn} ≠ ${p.cashOut} + ${p.heldEnd}`);
    if (p.holds !== true) bad(`checks.periods[${p.period}].holds is not true`);
    if (end < 0n) bad(`checks.periods[${p.period}]: held ${p.heldEnd} < 0`);
    sumIn += pin;
    sumOut += pout;
    prevEnd = end;
  }
  if (sumIn !== cashIn) bad(`checks: periods' cash in adds to ${sumIn} fen, total says ${c.cashIn}`);
  if (sumOut !== cashOut) bad(`checks: periods' cash out adds to ${sumOut} fen, total says ${c.cashOut}`);
  if (prevEnd !== held) bad(`checks: held at the last period ${prevEnd} fen ≠ held ${c.held}`);

  // Recomputed from the report's tables and the deal file: in = pool cash + support draws +
  // opening balances; out = tranche payments + fees + support repayments; held = what the
  // accounts hold at the end.
  let inn = 0n;
  for (const p of j.pool.periods) for (const k of POOL_CASH) inn += amount(p[k], `pool.periods[${String(p['period'])}].${k}`);
  for (const s of j.supports) inn += amount(s.totalDrawn, `supports.${s.id}.totalDrawn`);
  const accounts = (deal as { accounts?: { id?: unknown; initialBalance?: unknown }[] }).accounts ?? [];
  for (const a of accounts) if (a.initialBalance !== undefined) inn += amount(a.initialBalance, `deal accounts.${String(a.id)}.initialBalance`);
  let out = 0n;
  for (const t of j.tranches) {
    for (const p of t.periods) {
      out += amount(p.interestPaid, `tranches.${t.id}.interestPaid`) + amount(p.principalPaid, `tranches.${t.id}.principalPaid`) + amount(p.residualPaid, `tranches.${t.id}.residualPaid`);
      for (const k of ['beginBalance', 'endBalance', 'interestPaid', 'principalPaid', 'residualPaid'] as const) {
        if (amount(p[k], `tranches.${t.id}.${k}`) < 0n) bad(`tranche ${t.id}: ${k} ${p[k]} < 0`);
      }
    }
  }
  for (const f of j.fees) out += amount(f.totalPaid, `fees.${f.id}.totalPaid`);

  // Nothing is paid beyond what is owed (a fee or a coupon paid twice conserves cash too).
  for (const t of j.tranches) {
    let shortfallBefore = 0n;
    for (const p of t.periods) {
      const due = amount(p.interestDue, `tranches.${t.id}.interestDue`);
      const paid = amount(p.interestPaid, `tranches.${t.id}.interestPaid`);
      const shortfall = amount(p.interestShortfall, `tranches.${t.id}.interestShortfall`);
      if (paid > due + shortfallBefore) bad(`tranche ${t.id} period ${p.period}: interest paid ${p.interestPaid} > due ${p.interestDue} (+ shortfall before)`);
      if (shortfall < 0n) bad(`tranche ${t.id} period ${p.period}: interest shortfall ${p.interestShortfall} < 0`);
      if (amount(p.principalPaid, `tranches.${t.id}.principalPaid`) > amount(p.beginBalance, `tranches.${t.id}.beginBalance`)) {
        bad(`tranche ${t.id} period ${p.period}: principal paid ${p.principalPaid} > balance ${p.beginBalance}`);
      }
      shortfallBefore = shortfall;
    }
  }
  for (const f of j.fees) {
    let arrearsBefore = 0n;
    for (const p of f.periods ?? []) {
      const paid = amount(p.paid, `fees.${f.id}.paid`);
      const arrears = amount(p.arrears, `fees.${f.id}.arrears`);
      if (paid > amount(p.due, `fees.${f.id}.due`) + arrearsBefore) bad(`fee ${f.id} period ${p.period}: paid ${p.paid} > due ${p.due} (+ arrears before)`);
      if (arrears < 0n) bad(`fee ${f.id} period ${p.period}: arrears ${p.arrears} < 0`);
      arrearsBefore = arrears;
    }
  }
  for (const s of j.supports) out += amount(s.repaid, `supports.${s.id}.repaid`);
  let accountsHeld = 0n;
  for (const a of j.accounts) {
    for (const p of a.periods) {
      for (const k of ['begin', 'in', 'out', 'end'] as const) if (amount(p[k], `accounts.${a.id}.${k}`) < 0n) bad(`account ${a.id}: ${k} ${p[k]} < 0`);
    }
    const last = a.periods[a.periods.length - 1];
    if (last) accountsHeld += amount(last.end, `accounts.${a.id}.end`);
  }
  if (inn !== cashIn) bad(`recomputed cash in ${inn} fen (pool + support draws + opening balances) ≠ checks.cashIn ${c.cashIn}`);
  if (out !== cashOut) bad(`recomputed cash out ${out} fen (tranches + fees + support repayments) ≠ checks.cashOut ${c.cashOut}`);
  if (accountsHeld !== held) bad(`accounts hold ${accountsHeld} fen at the end ≠ checks.held ${c.held}`);
  return [...new Set(problems)];
}
