/**
 * The hostile-input generator (issue 7, item 19): every way a deal file, a scenario file or a
 * tape from someone else can be wrong, as a list of variants of the sample files.
 *
 * A variant is named by where it starts (a sample deal, a scenario with the deal it runs on, or
 * a deal's tape), a path (a JSON path such as `tranches[1].coupon`, or a tape's line and column)
 * and a mutation (`null`, `huge:1e40`, `dupId`, `proto:__proto__`…). The name alone rebuilds it:
 * building is deterministic, and the seed only chooses which variants a bounded run tries, so a
 * failure is replayed with `FUZZ_ONLY='<name>'`.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Key = string | number;

/** Where a variant starts: a deal file, a scenario file run on a deal, or one tape of a deal. */
export type Origin =
  | { kind: 'deal'; deal: string }
  | { kind: 'scenario'; deal: string; scenario: string }
  | { kind: 'tape'; deal: string; tape: string };

export interface Variant {
  origin: Origin;
  /** JSON path (`pool.tapes[0].path`), `(root)`, or for tapes `line N`, `column NAME`, `(file)`. */
  path: string;
  mutation: string;
  /** Text and free notes: mutated less often in a bounded run (they feed no figure). */
  prose: boolean;
  /** Builds the variant from the original file's parsed value (JSON) or bytes as latin1 (tape). */
  build: (original: Json | string) => string;
}

/** The variant's name: origin, path and mutation, as printed in failures and read by FUZZ_ONLY. */
export function variantName(v: Variant): string {
  const o = v.origin;
  const where = o.kind === 'deal' ? o.deal : o.kind === 'scenario' ? `${o.scenario} on ${o.deal}` : `${o.tape} of ${o.deal}`;
  return `${where} | ${v.path} | ${v.mutation}`;
}

/** Keys whose values are free text for people: descendants are "prose", sampled less. */
const PROSE_KEYS = new Set(['assumed', 'notes', 'sources', 'note', 'fundedBy', 'description']);

/** Renders a key path as the project does (`a.b[2].c`, see formatPath in src/validate/diagnostics.ts). */
export function pathText(path: readonly Key[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

const DELETE = Symbol('delete');
type Replacement = Json | typeof DELETE;

/** A deep copy in which the value at `path` is replaced (or removed). */
function replaceAt(root: Json, path: readonly Key[], value: Replacement): Json {
  if (path.length === 0) return value === DELETE ? null : value;
  const copy = structuredClone(root) as Json;
  let node = copy as Record<string, Json> | Json[];
  for (const key of path.slice(0, -1)) node = (node as Record<string, Json>)[key as string] as Record<string, Json> | Json[];
  const last = path[path.length - 1]!;
  if (Array.isArray(node)) {
    if (value === DELETE) node.splice(last as number, 1);
    else node[last as number] = value;
  } else if (value === DELETE) delete node[last as string];
  else node[last as string] = value;
  return copy;
}

function valueAt(root: Json, path: readonly Key[]): Json {
  let node: Json = root;
  for (const key of path) node = (node as Record<string, Json>)[key as string]!;
  return node;
}

/** Sets an own enumerable property, even `__proto__`, so that JSON.stringify writes it. */
function defineOwn(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const HUGE_DIGITS = '9'.repeat(400);
const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Every mutation of one value: name → replacement. */
function valueMutations(v: Json): [string, (v: Json) => Replacement][] {
  const out: [string, (v: Json) => Replacement][] = [
    ['delete', () => DELETE],
    ['null', () => null],
  ];
  const type = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
  if (type !== 'string') out.push(['type:string', (x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : 'text')]);
  if (type !== 'number') out.push(['type:number', (x) => (typeof x === 'string' && NUMERIC.test(x) ? Number(x) : 1)]);
  if (type !== 'boolean') out.push(['type:boolean', () => true]);
  if (type !== 'object') out.push(['type:object', () => ({})]);
  if (type !== 'array') out.push(['type:array', (x) => (x === null || typeof x === 'object' ? [] : [x])]);
  if (type === 'number' || (type === 'string' && NUMERIC.test(v as string))) {
    out.push(['negative', (x) => (typeof x === 'number' ? (x === 0 ? -1 : -x) : (x as string).startsWith('-') ? (x as string).slice(1) : `-${x as string}`)]);
    out.push(['zero', (x) => (typeof x === 'number' ? 0 : (x as string).includes('.') ? '0.00' : '0')]);
    out.push(['huge:1e40', (x) => (typeof x === 'number' ? 1e40 : `1${'0'.repeat(40)}.00`)]);
    out.push(['tiny:1e-40', (x) => (typeof x === 'number' ? 1e-40 : `0.${'0'.repeat(39)}1`)]);
  }
  if (type === 'number' || type === 'string') {
    out.push(['huge:"1e40"', () => '1e40']);
    out.push(['huge:400digits', () => HUGE_DIGITS]);
    for (const s of ['NaN', 'Infinity', '-0', '']) out.push([`nanlike:${JSON.stringify(s)}`, () => s]);
  }
  if (type === 'string') out.push(['nulByte', (x) => `${x as string}\u0000x`]);
  if (type === 'number') out.push(['fraction', (x) => (x as number) + 0.5]);
  if (type === 'array') {
    out.push(['empty', () => []]);
    const arr = v as Json[];
    if (arr.length > 0) {
      out.push(['dup:first', (x) => [...(x as Json[]), structuredClone((x as Json[])[0]!)]]);
      out.push(['dup:last', (x) => [...(x as Json[]), structuredClone((x as Json[])[(x as Json[]).length - 1]!)]]);
    }
    if (arr.length > 1 && arr.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e) && typeof e['id'] === 'string')) {
      out.push(['dupId', (x) => {
        const c = structuredClone(x) as Record<string, Json>[];
        c[1]!['id'] = c[0]!['id']!;
        return c;
      }]);
    }
    if (arr.length > 1 && arr.every((e) => typeof e === 'string')) out.push(['dupId', (x) => [...(x as Json[]), (x as Json[])[0]!]]);
  }
  if (type === 'object') {
    out.push(['empty', () => ({})]);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      out.push([`proto:${key}`, (x) => {
        const c = structuredClone(x) as Record<string, Json>;
        defineOwn(c, key, { polluted: 'yes', toString: 'x', valueOf: 'x' });
        return c;
      }]);
    }
  }
  return out;
}

/** Every string that names something (an `id` value), so that renaming it leaves a reference dangling. */
function collectIds(root: Json, names: Set<string>): Set<string> {
  const walk = (node: Json) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string' && (k === 'id' || k === 'obligor' || k === 'provider')) names.add(v);
        walk(v);
      }
    }
  };
  walk(root);
  return names;
}

/** Every (path, mutation) of a JSON document. */
export function jsonVariants(origin: Origin, doc: Json): Variant[] {
  const ids = collectIds(doc, new Set());
  const out: Variant[] = [];
  const visit = (node: Json, path: Key[], prose: boolean) => {
    if (path.length > 0) {
      for (const [name, f] of valueMutations(node)) {
        const at = [...path];
        out.push({ origin, path: pathText(at), mutation: name, prose, build: (o) => JSON.stringify(replaceAt(o as Json, at, f(valueAt(o as Json, at))), null, 2) });
      }
      if (typeof node === 'string' && path[path.length - 1] === 'path') {
        // A file path (a tape): a folder instead of a file.
        for (const dir of ['.', '..']) {
          const at = [...path];
          out.push({ origin, path: pathText(at), mutation: `dir:${JSON.stringify(dir)}`, prose, build: (o) => JSON.stringify(replaceAt(o as Json, at, dir), null, 2) });
        }
      }
      if (typeof node === 'string' && ids.has(node)) {
        const at = [...path];
        out.push({ origin, path: pathText(at), mutation: 'renameId', prose, build: (o) => JSON.stringify(replaceAt(o as Json, at, `${node}-unknown`), null, 2) });
      }
    } else {
      // The root itself: another type of document, or prototype keys at the top.
      for (const [name, f] of valueMutations(node)) {
        if (name === 'delete' || name === 'dup:first') continue;
        out.push({ origin, path: '(root)', mutation: name, prose, build: (o) => JSON.stringify(f(o as Json) as Json, null, 2) });
      }
    }
    if (Array.isArray(node)) {
      node.forEach((c, i) => visit(c, [...path, i], prose));
      graftVariants(origin, node, path, prose, out);
    }
    else if (node !== null && typeof node === 'object') {
      for (const [k, c] of Object.entries(node)) visit(c, [...path, k], prose || PROSE_KEYS.has(k));
    }
  };
  visit(doc, [], false);
  return out;
}

/**
 * A field that one element of a list has and another lacks, copied over (`graft:initialBalance`
 * gives the collection account the reserve's opening balance): fields that validate in one kind
 * of element and may mean nothing in another.
 */
function graftVariants(origin: Origin, list: Json[], path: Key[], prose: boolean, out: Variant[]): void {
  const isObject = (e: Json): e is Record<string, Json> => typeof e === 'object' && e !== null && !Array.isArray(e);
  list.forEach((target, i) => {
    if (!isObject(target)) return;
    const seen = new Set<string>();
    for (const donor of list) {
      if (!isObject(donor) || donor === target) continue;
      for (const key of Object.keys(donor)) {
        if (key in target || seen.has(key) || PROSE_KEYS.has(key)) continue;
        seen.add(key);
        const at = [...path, i];
        const value = donor[key]!;
        out.push({ origin, path: pathText(at), mutation: `graft:${key}`, prose, build: (o) => {
          const copy = structuredClone(valueAt(o as Json, at)) as Record<string, Json>;
          copy[key] = structuredClone(value);
          return JSON.stringify(replaceAt(o as Json, at, copy), null, 2);
        } });
      }
    }
  });
}

// ---- Tapes ----------------------------------------------------------------------------------
// A tape is handled as latin1 text: every byte one character, so a GBK or UTF-8 tape is cut at
// its commas, quotes and newlines (all ASCII, never inside a multibyte character) and written
// back byte for byte.

interface Csv {
  bom: string;
  rows: string[][];
  eol: string;
  trailingEol: boolean;
}

/** Splits CSV text into raw cells (quotes kept as written). */
export function splitCsv(text: string): Csv {
  const bom = text.startsWith('\xEF\xBB\xBF') ? '\xEF\xBB\xBF' : '';
  const body = text.slice(bom.length);
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      cell += c;
      if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      cell += c;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  const trailingEol = cell === '' && row.length === 0;
  if (!trailingEol) {
    row.push(cell);
    rows.push(row);
  }
  return { bom, rows, eol, trailingEol };
}

export function joinCsv(csv: Csv): string {
  return csv.bom + csv.rows.map((r) => r.join(',')).join(csv.eol) + (csv.trailingEol ? csv.eol : '');
}

const mapCsv = (f: (csv: Csv) => Csv) => (o: Json | string) => joinCsv(f(splitCsv(o as string)));

/** Every mutation of a tape: whole-file ones, each column removed, cells changed, a row duplicated. */
export function tapeVariants(origin: Origin & { kind: 'tape' }, text: string): Variant[] {
  const csv = splitCsv(text);
  const header = csv.rows[0] ?? [];
  const dataRows = csv.rows.length - 1;
  const v = (path: string, mutation: string, build: (o: Json | string) => string): Variant => ({ origin, path, mutation, prose: false, build });
  const out: Variant[] = [
    v('(file)', 'empty', () => ''),
    v('(file)', 'bomOnly', () => '\xEF\xBB\xBF'),
    v('(file)', 'headerOnly', mapCsv((c) => ({ ...c, rows: c.rows.slice(0, 1) }))),
    v('(file)', 'bomHeaderOnly', mapCsv((c) => ({ ...c, bom: '\xEF\xBB\xBF', rows: c.rows.slice(0, 1) }))),
    v('(file)', 'rowsOfCommas', mapCsv((c) => ({ ...c, rows: [c.rows[0]!, ...c.rows.slice(1).map((r) => r.map(() => ''))] }))),
    v('(file)', 'blankLines', mapCsv((c) => ({ ...c, rows: [c.rows[0]!, [''], [''], ...c.rows.slice(1)] }))),
    v('(file)', 'truncatedMidRow', (o) => (o as string).slice(0, Math.floor((o as string).length * 0.6))),
    v('(file)', 'binaryGarbage', () => '\x00\x01\xFF\xFE,\x00\n\x00'),
    v('(file)', 'headerDuplicatedAsRow', mapCsv((c) => ({ ...c, rows: [...c.rows, [...c.rows[0]!]] }))),
  ];
  for (let line = 2; line <= csv.rows.length; line++) {
    const r = line - 1;
    out.push(v(`line ${line}`, 'duplicateRow', mapCsv((c) => ({ ...c, rows: [...c.rows.slice(0, r + 1), [...c.rows[r]!], ...c.rows.slice(r + 1)] }))));
    out.push(v(`line ${line}`, 'deleteRow', mapCsv((c) => ({ ...c, rows: c.rows.filter((_, i) => i !== r) }))));
    out.push(v(`line ${line}`, 'extraCell', mapCsv((c) => ({ ...c, rows: c.rows.map((row, i) => (i === r ? [...row, 'extra'] : row)) }))));
    out.push(v(`line ${line}`, 'missingCell', mapCsv((c) => ({ ...c, rows: c.rows.map((row, i) => (i === r ? row.slice(0, -1) : row)) }))));
  }
  const cellValues: [string, (orig: string) => string][] = [
    ['garbage', () => 'x#?'],
    ['empty', () => ''],
    ['zero', () => '0'],
    ['negative', (o) => (/^"?-?[\d,.]+%?"?$/.test(o) && o !== '' ? (o.startsWith('"') ? `"-${o.slice(1)}` : `-${o}`) : '-1')],
    ['huge:1e40', () => '1e40'],
    ['huge:written', () => `1${'0'.repeat(40)}.00`],
    ['huge:400digits', () => HUGE_DIGITS],
    ['nanlike:NaN', () => 'NaN'],
    ['nanlike:Infinity', () => 'Infinity'],
    ['unclosedQuote', () => '"abc'],
    ['formula', () => '=HYPERLINK("http://x")'],
  ];
  header.forEach((name, col) => {
    const label = `column ${col + 1}`;
    out.push(v(label, `removeColumn(${name})`, mapCsv((c) => ({ ...c, rows: c.rows.map((row) => row.filter((_, i) => i !== col)) }))));
    out.push(v(label, 'renameHeader', mapCsv((c) => ({ ...c, rows: c.rows.map((row, i) => (i === 0 ? row.map((h, j) => (j === col ? 'no-such-column' : h)) : row)) }))));
    out.push(v(label, 'duplicateHeader', mapCsv((c) => ({ ...c, rows: c.rows.map((row, i) => (i === 0 ? row.map((h, j) => (j === col && col > 0 ? row[0]! : h)) : row)) }))));
    // Cells of the first and the last data row.
    for (const line of dataRows > 1 ? [2, csv.rows.length] : dataRows === 1 ? [2] : []) {
      for (const [m, f] of cellValues) {
        out.push(v(`line ${line} ${label}`, `cell:${m}`, mapCsv((c) => ({ ...c, rows: c.rows.map((row, i) => (i === line - 1 ? row.map((x, j) => (j === col ? f(x) : x)) : row)) }))));
      }
    }
  });
  return out;
}

// ---- Sampling -------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so a seed gives the same sample on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The kind of a mutation, for balancing a sample: `huge:1e40` → `huge`, tape ones apart. */
export function mutationClass(v: Variant): string {
  const kind = v.mutation.replace(/[:(].*$/, '');
  return v.origin.kind === 'tape' ? `tape ${v.path === '(file)' ? v.mutation : kind}` : kind;
}

/**
 * A bounded sample of `count` variants, chosen by `seed`. Weighted so that rare kinds of
 * mutation are not drowned by common ones: a variant's weight is 1/√(variants of its kind), and
 * a tenth of that under free-text fields (they feed no figure, and there are many of them).
 * `count` at or above the total gives every variant in order.
 */
export function sample(all: readonly Variant[], count: number, seed: number): Variant[] {
  if (count >= all.length) return [...all];
  const sizes = new Map<string, number>();
  for (const v of all) sizes.set(mutationClass(v), (sizes.get(mutationClass(v)) ?? 0) + 1);
  const rand = prng(seed);
  // Weighted sampling without replacement (Efraimidis–Spirakis): key = u^(1/w), kept as its log
  // ln(u)/w so that small weights do not underflow; keep the largest.
  const keyed = all.map((v, i) => {
    const w = (v.prose ? 0.1 : 1) / Math.sqrt(sizes.get(mutationClass(v))!);
    return { i, key: Math.log(rand()) / w };
  });
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return keyed
    .slice(0, count)
    .map((k) => k.i)
    .sort((a, b) => a - b)
    .map((i) => all[i]!);
}

/**
 * `count` variants that make two mistakes at once in one JSON file, drawn by `seed` from
 * `singles` (tape variants are left out). The second mutation is applied to the result of the
 * first; when the first removed its place, building throws and the variant is skipped.
 */
export function pairs(singles: readonly Variant[], count: number, seed: number): Variant[] {
  const json = singles.filter((v) => v.origin.kind !== 'tape' && v.path !== '(root)');
  const byOrigin = new Map<string, Variant[]>();
  const originOf = (v: Variant) => JSON.stringify(v.origin);
  for (const v of json) {
    const list = byOrigin.get(originOf(v));
    if (list) list.push(v);
    else byOrigin.set(originOf(v), [v]);
  }
  const rand = prng(seed ^ 0x5bd1e995);
  const out: Variant[] = [];
  for (let n = 0; n < count && json.length > 1; n++) {
    const a = json[Math.floor(rand() * json.length)]!;
    const same = byOrigin.get(originOf(a))!;
    const b = same[Math.floor(rand() * same.length)]!;
    out.push({
      origin: a.origin,
      path: `${a.path} & ${b.path}`,
      mutation: `${a.mutation} & ${b.mutation}`,
      prose: a.prose && b.prose,
      build: (o) => b.build(JSON.parse(a.build(o)) as Json),
    });
  }
  return out;
}
