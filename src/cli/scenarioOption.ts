/** The `--scenario FILE` option of run and price. */
import type { LoadedDeal } from '../io/loadDeal.js';
import { loadScenario } from '../scenario/load.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { cliLoadOptions } from './inputOptions.js';
import { fileError } from './load.js';

/** The scenario of a `--scenario FILE` option (none: undefined, the base case); a bad file is an InputError listing its problems. */
export function scenarioOption(file: string | undefined, deal: LoadedDeal): ScenarioSpec | undefined {
  if (file === undefined) return undefined;
  const loaded = loadScenario(file, deal, cliLoadOptions());
  if (!loaded.scenario) throw fileError(file, loaded.diagnostics, `${file} is not a valid scenario`);
  return loaded.scenario;
}
