/** Reading a scenario file: shape errors with their JSON path, references checked against the deal. */
import { readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import type { LoadOptions } from '../io/input.js';
import { keysAt } from '../schema/introspect.js';
import { formatPath, type Diagnostic } from '../validate/diagnostics.js';
import { dealSchedule } from '../deal/periods.js';
import { issuesToDiagnostics, suggest } from '../validate/zodIssues.js';
import { scenarioRepeats } from './repeats.js';
import { Scenario, type ScenarioSpec } from './schema.js';

/**
 * Validates a parsed scenario document against the schema and, when `deal` is given, the deal
 * it is for (obligors, assets, supports, providers and periods it names). Without a deal only
 * the shape is checked. An entry naming again what an earlier one names is an error either way
 * (see {@link scenarioRepeats}).
 */
export function validateScenario(input: unknown, file: string, deal?: LoadedDeal): { scenario?: ScenarioSpec; diagnostics: Diagnostic[] } {
  const parsed = Scenario.safeParse(input);
  if (!parsed.success) return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, input, { keysAt: (p) => keysAt(Scenario, p, input) }) };
  const scenario = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const at = (path: PropertyKey[], message: string) => diagnostics.push({ severity: 'error', file, path: formatPath(path), message });
  const obligors = deal ? [...new Set(deal.assets.flatMap((a) => [a.obligor, a.obligorId ?? a.obligor]))] : [];
  const assets = deal ? deal.assets.map((a) => a.id) : [];
  const supports = deal ? deal.spec.supports.map((s) => s.id) : [];
  const providers = deal ? [...new Set(deal.spec.supports.map((s) => s.provider))] : [];
  const unknown = (kind: string, id: string, known: string[]) => {
    const hint = suggest(id, known);
    return `unknown ${kind} "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
  };
  const periodCount = deal ? dealSchedule(deal.spec.dates).periods.length : Number.POSITIVE_INFINITY;
  scenario.defaultRate?.overrides.forEach((o, i) => {
    if (deal && o.obligor !== undefined && !obligors.includes(o.obligor)) at(['defaultRate', 'overrides', i, 'obligor'], unknown('obligor', o.obligor, obligors));
  });
  scenario.defaults.forEach((d, i) => {
    if (d.period > periodCount) at(['defaults', i, 'period'], `the deal has ${periodCount} periods (got ${d.period})`);
    if ((d.obligor === undefined) === (d.asset === undefined)) at(['defaults', i], 'name exactly one of obligor and asset');
    if (deal && d.obligor !== undefined && !obligors.includes(d.obligor)) at(['defaults', i, 'obligor'], unknown('obligor', d.obligor, obligors));
    if (deal && d.asset !== undefined && !assets.includes(d.asset)) at(['defaults', i, 'asset'], unknown('asset', d.asset, assets));
  });
  scenario.supportFailures.forEach((f, i) => {
    if ((f.support === undefined) === (f.provider === undefined)) at(['supportFailures', i], 'name exactly one of support and provider');
    if (deal && f.support !== undefined && !supports.includes(f.support)) at(['supportFailures', i, 'support'], unknown('support', f.support, supports));
    if (deal && f.provider !== undefined && !providers.includes(f.provider)) at(['supportFailures', i, 'provider'], unknown('provider', f.provider, providers));
  });
  const indices = deal ? Object.keys(deal.spec.indices ?? {}) : [];
  for (const name of Object.keys(scenario.rates ?? {})) if (deal && !indices.includes(name)) at(['rates', name], unknown('index', name, indices));
  // The engine takes the first entry for an asset or a support: a later one would be ignored.
  for (const r of scenarioRepeats(scenario, deal)) at(r.path, r.message);
  return diagnostics.length ? { diagnostics } : { scenario, diagnostics };
}

/** Reads and validates a scenario file (against `deal` when given), within the size limit of `options`. */
export function loadScenario(file: string, deal?: LoadedDeal, options: LoadOptions = {}): { scenario?: ScenarioSpec; diagnostics: Diagnostic[] } {
  const json = readJsonFile(file, file, options);
  if (json.value === undefined) return { diagnostics: json.diagnostics };
  return validateScenario(json.value, file, deal);
}

/** The most scenarios one command runs: a scenario file's list, or a stress grid's product. */
export const MAX_SCENARIOS = 10_000;

/** Scenarios in a document: one scenario, a list, or `{ "scenarios": [...] }`. */
export function scenarioItems(input: unknown): { items: unknown[]; pathOf: (i: number) => string } {
  if (Array.isArray(input)) return { items: input, pathOf: (i) => `[${i}]` };
  if (input && typeof input === 'object' && Array.isArray((input as { scenarios?: unknown }).scenarios)) {
    return { items: (input as { scenarios: unknown[] }).scenarios, pathOf: (i) => `scenarios[${i}]` };
  }
  return { items: [input], pathOf: () => '' };
}

/**
 * Validates a document of scenarios (one, a list, or `{ "scenarios": [...] }`), every item, so
 * that all the invalid ones are reported at once, each path from the file's root
 * (`scenarios[2].recovery.rate`). Against `deal` when given, else the shape only.
 */
export function validateScenarioList(
  input: unknown,
  file: string,
  deal?: LoadedDeal,
): { scenarios?: ScenarioSpec[]; diagnostics: Diagnostic[]; /** How many items are invalid. */ invalid: number; /** The file is one scenario, not a list. */ single: boolean } {
  const { items, pathOf } = scenarioItems(input);
  const single = pathOf(0) === '';
  if (items.length > MAX_SCENARIOS) {
    const at = pathOf(0).replace(/\[0\]$/, '');
    return { diagnostics: [{ severity: 'error', file, ...(at ? { path: at } : {}), message: `${items.length.toLocaleString('en-US')} scenarios, more than the ${MAX_SCENARIOS.toLocaleString('en-US')} ipabs runs at once` }], invalid: 0, single };
  }
  if (items.length === 0) return { diagnostics: [{ severity: 'error', file, path: pathOf(0).replace(/\[0\]$/, ''), message: 'the list of scenarios is empty' }], invalid: 0, single };
  const scenarios: ScenarioSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  let invalid = 0;
  items.forEach((item, i) => {
    const v = validateScenario(item, file, deal);
    const prefix = pathOf(i);
    diagnostics.push(...v.diagnostics.map((d) => ({ ...d, path: [prefix, d.path].filter(Boolean).join('.').replace('.[', '[') })));
    if (v.scenario) scenarios.push(v.scenario);
    else invalid++;
  });
  return invalid > 0 ? { diagnostics, invalid, single } : { scenarios, diagnostics, invalid, single };
}

/** True when a parsed JSON document says it is a scenario file: its `$schema` ends in scenario.schema.json. */
export function looksLikeScenario(input: unknown): boolean {
  const schema = input && typeof input === 'object' && !Array.isArray(input) ? (input as { $schema?: unknown }).$schema : undefined;
  return typeof schema === 'string' && schema.endsWith('scenario.schema.json');
}
