import fc from 'fast-check';
import { it, expect } from 'vitest';
// reuse by importing the test module's internals is not possible; copy minimal
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { validateDeal } from '/work/main/src/io/loadDeal.js';
const DEALS = '/work/main/deals/';
function readTape(path: string) {
  try { const name = basename(path); if (name !== path || !name.endsWith('.csv')) throw 0; return { bytes: readFileSync(DEALS + name), diagnostics: [] }; }
  catch { return { diagnostics: [{ severity: 'error' as const, file: path, message: 'cannot read the file: no such file' }] }; }
}
const docs = readdirSync(DEALS).filter(f => f.endsWith('.json')).map(f => JSON.parse(readFileSync(DEALS + f, 'utf8')));
type Key = string|number;
function paths(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.push([...prefix, k]); paths(v, [...prefix, k], out); }
  return out;
}
const get = (r: any, p: Key[]) => p.reduce((v, k) => v[k], r);
const plausible = fc.constantFrom<unknown>('', 0, -1, 1, 3, 12, 120, 1200, 1.5, 1e300, '0', '0.001', '2021-01-18', '2021-02-30', '1900-01-01', '0000-01-01', '9999-12-31', '2099-12-31','2021-06-30','2022-01-28','2030-12-31',
 'ACT/365F', '30/360', 'ACT/ACT', 'pledgeLoan', 'royalty', 'lease', 'receivable', 'scheduledFlow', 'level', 'schedule', 'bullet', 'equalPrincipal', 'passThrough','senior','subordinate','collection','reserve','A1','B','vat','default','normal', null, true, [], {}, '100.00', '0.5', 1, 2, 0.99);
const op = fc.record({ at: fc.nat(), kind: fc.nat(3), value: fc.oneof(plausible, plausible, plausible, fc.jsonValue({ maxDepth: 2 })), from: fc.nat() });
let stats = { ok: 0, schema: 0, later: 0 };
it('fuzz', () => {
  fc.assert(fc.property(fc.nat(docs.length - 1), fc.array(op, { minLength: 1, maxLength: 3 }), (w, ops) => {
    const out = structuredClone(docs[w]);
    for (const o of ops) {
      const all0 = paths(out); const pool = all0.filter(p => p[0] === "pool" || p[0] === "dates"); const all = (o.from % 3 !== 0 && pool.length) ? pool : all0; const p = all[o.at % all.length]!; (globalThis as any).lastPaths = ((globalThis as any).lastPaths ?? []).concat([p.join(".")]); const parent = get(out, p.slice(0, -1)); const key = p.at(-1)!;
      if (o.kind === 0) Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key];
      else if (o.kind === 3) parent[key] = structuredClone(get(out, all[o.from % all.length]!));
      else parent[key] = structuredClone(o.value);
    }
    let r; const lp = (globalThis as any).lastPaths; (globalThis as any).lastPaths = [];
    try { r = validateDeal(out, 'x.json', readTape); } catch (e) { if (/addMonths: .* out of range/.test(String(e))) return; if (!(globalThis as any).shown) { (globalThis as any).shown = 1; console.log("DOC", w, lp, (e as Error).stack); } throw e; }
    if (r.deal) stats.ok++; else if (r.diagnostics.some(d => d.path !== undefined && !d.path.startsWith('pool.tapes') && d.file === 'x.json' && d.line === undefined && /must|required|unknown field/.test(d.message))) stats.schema++; else stats.later++;
    for (const d of r.diagnostics) if (d.severity === 'error' && d.file === 'x.json' && d.path === undefined && d.line === undefined) throw new Error('no where: ' + JSON.stringify(d));
  }), { numRuns: Number(process.env.RUNS ?? 5000) });
  console.log(stats);
});
