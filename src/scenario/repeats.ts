/**
 * Entries of a scenario that name again what an earlier entry names. The engine reads `defaults`
 * and `supportFailures` as "the first entry for an asset (a support) counts" and the overrides of
 * `defaultRate` as "the first match wins", so a repeat would be silently ignored: a scenario that
 * says an obligor defaults in period 3 and again in period 2 would run as if it said period 3 only.
 * Each repeat is an error at its own path, naming the entry that counts.
 *
 * Without a deal only what the names show is checked (the same obligor, asset, support or provider
 * twice; an override another one already covers). With the deal, what they denote: an asset named
 * by its id and by its obligor, an obligor named by its name and by its obligorId, a support named
 * by its id and by its provider.
 */
import type { LoadedDeal } from '../deal/loaded.js';
import type { ScenarioSpec } from './schema.js';

/** A repeat: where it is, and what it says. */
export interface Repeat {
  path: PropertyKey[];
  message: string;
}

/** How one list of the scenario names things: members one by one, or every member of a group. */
interface Naming {
  list: 'defaults' | 'supportFailures';
  /** What names every member of a group (an obligor's assets, a provider's supports). */
  group: 'obligor' | 'provider';
  member: 'asset' | 'support';
  /** What the entry says of a member: it defaults, it fails. */
  verb: string;
}

/** An entry of such a list: a group or a member (validation reports an entry naming both or neither). */
interface Entry {
  group?: string;
  member?: string;
}

/** A member of the deal and the names of its group (an asset's obligor name and obligorId). */
interface Member {
  id: string;
  groups: readonly string[];
}

/**
 * The repeats of one list. By name first, so the message is the same with and without the deal;
 * then, with the deal's members, every entry that reaches a member an earlier entry already
 * reaches (by the engine's own test: the member's id, or one of its group names).
 */
function listRepeats(entries: readonly Entry[], members: readonly Member[] | undefined, naming: Naming): Repeat[] {
  const { list, group, member, verb } = naming;
  const out: Repeat[] = [];
  const named = (e: Entry) => (e.group === undefined) !== (e.member === undefined);
  const reported = new Set<number>();
  const firstGroup = new Map<string, number>();
  const firstMember = new Map<string, number>();
  entries.forEach((e, j) => {
    if (!named(e)) return;
    const [kind, name, first] = e.group !== undefined ? ([group, e.group, firstGroup] as const) : ([member, e.member!, firstMember] as const);
    const i = first.get(name);
    if (i === undefined) first.set(name, j);
    else {
      out.push({ path: [list, j, kind], message: `${kind} "${name}" already ${verb} in ${list}[${i}]: one entry per ${kind}` });
      reported.add(j);
    }
  });
  if (!members || entries.length < 2) return out;

  // Index the deal's members once: a scenario names a few, a pool may hold a million assets.
  const byId = new Map<string, number>();
  const byGroup = new Map<string, number[]>();
  members.forEach((m, k) => {
    if (!byId.has(m.id)) byId.set(m.id, k);
    for (const g of new Set(m.groups)) {
      const ks = byGroup.get(g) ?? [];
      ks.push(k);
      byGroup.set(g, ks);
    }
  });
  const reach = (e: Entry): number[] => {
    if (e.group !== undefined) return byGroup.get(e.group) ?? [];
    const k = byId.get(e.member!);
    return k === undefined ? [] : [k];
  };
  /** The first entry reaching each member. */
  const owner = new Map<number, number>();
  entries.forEach((e, j) => {
    if (!named(e)) return;
    const hits = reach(e);
    const clash = reported.has(j) ? undefined : hits.find((k) => owner.has(k));
    if (clash !== undefined) {
      const i = owner.get(clash)!;
      const earlier = entries[i]!;
      const by = earlier.group !== undefined ? ` (by its ${group} "${earlier.group}")` : '';
      const id = members[clash]!.id;
      out.push(
        e.member !== undefined
          ? { path: [list, j, member], message: `${member} "${id}" already ${verb} in ${list}[${i}]${by}: one entry per ${member}` }
          : { path: [list, j, group], message: `${group} "${e.group}" has ${member} "${id}", which already ${verb} in ${list}[${i}]${by}: one entry per ${member}` },
      );
    }
    for (const k of hits) if (!owner.has(k)) owner.set(k, j);
  });
  return out;
}

type Override = NonNullable<ScenarioSpec['defaultRate']>['overrides'][number];

/** The assets an override matches, in words. */
function overrideScope(o: Override): string {
  const assets = o.assetType !== undefined ? `the ${o.assetType} assets` : 'the assets';
  return o.obligor !== undefined ? `${assets} of obligor "${o.obligor}"` : o.assetType !== undefined ? assets : 'every asset';
}

/**
 * Overrides that never apply: an earlier one matches every asset they match (its asset type is
 * theirs or any, its obligor theirs or any). With the deal an obligor named by its name and by its
 * obligorId is one obligor. An override that only partly overlaps an earlier one is a precedence
 * the schema documents (the first match wins), not a repeat.
 */
function overrideRepeats(overrides: readonly Override[], assets: LoadedDeal['assets'] | undefined): Repeat[] {
  /** The assets of an obligor name, with the deal (the engine's test: its name or obligorId). */
  const assetsOf = (name: string): Set<number> => new Set((assets ?? []).flatMap((a, k) => (a.obligor === name || a.obligorId === name ? [k] : [])));
  const covers = (earlier: string | undefined, later: string | undefined): boolean => {
    if (earlier === undefined || earlier === later) return true;
    if (later === undefined || !assets) return false;
    const mine = assetsOf(later);
    const theirs = assetsOf(earlier);
    return mine.size > 0 && [...mine].every((k) => theirs.has(k));
  };
  const out: Repeat[] = [];
  overrides.forEach((o, j) => {
    const i = overrides.slice(0, j).findIndex((e) => (e.assetType === undefined || e.assetType === o.assetType) && covers(e.obligor, o.obligor));
    if (i >= 0) {
      out.push({
        path: ['defaultRate', 'overrides', j],
        message: `defaultRate.overrides[${i}] already sets the rate of every asset this one matches (${overrideScope(o)}); the first match wins, so this one would never apply`,
      });
    }
  });
  return out;
}

/**
 * Every repeat in a scenario (that has the schema's shape), in the order of its lists. With
 * `deal`, also the repeats that only the deal shows (an asset and its obligor, a support and its
 * provider, an obligor's name and its obligorId).
 */
export function scenarioRepeats(scenario: ScenarioSpec, deal?: LoadedDeal): Repeat[] {
  return [
    ...overrideRepeats(scenario.defaultRate?.overrides ?? [], deal?.assets),
    ...listRepeats(
      scenario.defaults.map((d) => ({ group: d.obligor, member: d.asset })),
      deal?.assets.map((a) => ({ id: a.id, groups: [a.obligor, a.obligorId ?? a.obligor] })),
      { list: 'defaults', group: 'obligor', member: 'asset', verb: 'defaults' },
    ),
    ...listRepeats(
      scenario.supportFailures.map((f) => ({ group: f.provider, member: f.support })),
      deal?.spec.supports.map((s) => ({ id: s.id, groups: [s.provider] })),
      { list: 'supportFailures', group: 'provider', member: 'support', verb: 'fails' },
    ),
  ];
}
