/**
 * A rate environment: every index's path under one scenario, and the holiday calendar fixing
 * lags count on. The pool's floating loans and the floating tranches read their rates from it.
 */
import type { Calendar } from '../dates/calendar.js';
import { InputError } from '../util/errors.js';
import { changesKey, indexPath, type IndexChange, type IndexDefinition, type IndexPath } from './path.js';

/** The index paths a run reads (the deal's own, or a scenario's shifted or replaced ones), by index name. */
export interface RateEnv {
  /** Names the scenario's changes ('' for the deal's own paths): equal keys, equal paths. */
  key: string;
  paths: ReadonlyMap<string, IndexPath>;
  calendar: Calendar;
}

/** The paths of a deal's indices under a scenario's changes. A change to an index the deal lacks is an InputError. */
export function rateEnv(indices: Readonly<Record<string, IndexDefinition>>, calendar: Calendar, changes?: Readonly<Record<string, IndexChange>>): RateEnv {
  for (const name of Object.keys(changes ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(indices, name)) throw new InputError(`scenario rates.${name}: the deal has no index ${name} (it has ${Object.keys(indices).join(', ') || 'none'})`);
  }
  const paths = new Map<string, IndexPath>();
  for (const [name, index] of Object.entries(indices)) paths.set(name, indexPath(name, index, changes?.[name]));
  return { key: changesKey(changes), paths, calendar };
}

/** The path of a named index (validation has checked every name a deal uses). */
export function pathOf(env: RateEnv, name: string): IndexPath {
  const p = env.paths.get(name);
  if (!p) throw new InputError(`no index named ${name} (the deal has ${[...env.paths.keys()].join(', ') || 'none'})`);
  return p;
}
