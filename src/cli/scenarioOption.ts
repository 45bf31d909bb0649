/** The `--scenario FILE` option of run and price. */
import type { LoadedDeal } from '../io/loadDeal.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { cliLoadOptions } from './inputOptions.js';
import { fileError } from './load.js';

/**
 * The scenario of a `--scenario FILE` option (none: undefined, the base case); a bad file is an
 * InputError listing its problems. The scenario reader and its schema (≈ 2 ms of zod to build)
 * are loaded only when a file is given: a dynamic import, which the CLI's bundle turns into a
 * module initialised on first use (the pattern every command module follows, see cli/main.ts).
 */
export async function scenarioOption(file: string | undefined, deal: LoadedDeal): Promise<ScenarioSpec | undefined> {
  if (file === undefined) return undefined;
  const { loadScenario } = await import('../scenario/load.js');
  const loaded = loadScenario(file, deal, cliLoadOptions());
  if (!loaded.scenario) throw fileError(file, loaded.diagnostics, `${file} is not a valid scenario`);
  return loaded.scenario;
}
