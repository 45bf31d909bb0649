import { runDeal } from '../engine/run.js';
import { runJson, runReport } from '../report/runReport.js';
import { render } from '../report/render.js';
import type { Format, Lang, Unit } from '../report/model.js';
import { loadScenario } from '../scenario/load.js';
import { formatDiagnostic, InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emit, loadDealOrFail } from './load.js';

export interface RunOptions {
  scenario?: string;
  format: Format;
  lang: Lang;
  unit: Unit;
  out?: string;
  ledger?: boolean;
}

/** `ipabs run DEAL [--scenario FILE]`: tranche cash-flow tables and analytics. */
export function runCommand(file: string, opts: RunOptions, io: Io): number {
  const deal = loadDealOrFail(file, io);
  let scenario;
  if (opts.scenario) {
    const loaded = loadScenario(opts.scenario, deal);
    if (!loaded.scenario) throw new InputError(`${opts.scenario} is not a valid scenario:\n${loaded.diagnostics.map(formatDiagnostic).join('\n')}`);
    scenario = loaded.scenario;
  }
  const result = runDeal(deal, scenario);
  const text =
    opts.format === 'json'
      ? `${JSON.stringify(runJson(result, { ledger: opts.ledger }), null, 2)}\n`
      : render(runReport(result, opts.lang, opts.unit), { format: opts.format, lang: opts.lang, unit: opts.unit });
  emit(text, opts.out, io);
  return 0;
}
