/**
 * Reading a yield curve file for `ipabs price --curve`: CSV lines `tenor,yield` (a header line
 * and lines starting with # are skipped), or JSON, a list of `{ "tenor": 1, "yield": 2.35 }` or
 * `{ "points": [...] }`. Tenors are years (`0.5`) or `3M` / `2Y`; yields are percent (`2.35` or
 * `2.35%`). Each mistake names the file and the CSV line or JSON path.
 */
import { InputError } from '../validate/diagnostics.js';
import { readWhole } from './input.js';

const MAX_CURVE_BYTES = 1024 * 1024;

/** A point of the curve: tenor in years, yield as a fraction (analytics/curve.ts reads them). */
export interface CurvePoint {
  tenor: number;
  rate: number;
}

/** A tenor in years: `1.5`, `6M`, `2Y`; undefined when it is none. */
function tenorOf(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([YyMm]?)\s*$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]!.toUpperCase() === 'M' ? n / 12 : n;
}

/** A yield in percent (`2.35`, `2.35%`, `-0.1`) as a fraction; undefined when it is none. */
function yieldOf(text: string): number | undefined {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  return m ? Number(m[1]) / 100 : undefined;
}

function point(tenorText: string, yieldText: string, where: string): CurvePoint {
  const tenor = tenorOf(tenorText);
  if (tenor === undefined) throw new InputError(`${where}: tenor ${JSON.stringify(tenorText.trim())} is not a number of years (such as 0.5, 1, 6M or 2Y)`);
  const rate = yieldOf(yieldText);
  if (rate === undefined) throw new InputError(`${where}: yield ${JSON.stringify(yieldText.trim())} is not a percentage (such as 2.35 or 2.35%)`);
  return { tenor, rate };
}

function csvPoints(text: string, file: string): { point: CurvePoint; where: string }[] {
  const out: { point: CurvePoint; where: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/[,\t]/);
    const where = `${file} line ${i + 1}`;
    // A header: the first line that is not data (tenor,yield / 期限,收益率).
    if (out.length === 0 && tenorOf(fields[0] ?? '') === undefined && !/^\d/.test(fields[0]!.trim())) return;
    if (fields.length !== 2) throw new InputError(`${where}: expected two fields, tenor and yield (such as 1,2.35), found ${fields.length}`);
    out.push({ point: point(fields[0]!, fields[1]!, where), where });
  });
  return out;
}

function jsonPoints(text: string, file: string): { point: CurvePoint; where: string }[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const wrapped = value !== null && typeof value === 'object' && !Array.isArray(value);
  const list = wrapped ? (value as { points?: unknown }).points : value;
  const base = wrapped ? 'points' : '';
  if (!Array.isArray(list)) throw new InputError(`${file}: expected a list of { "tenor": years, "yield": percent } points, or { "points": [...] }`);
  return list.map((p, i) => {
    const where = `${file}: ${base}[${i}]`;
    if (p === null || typeof p !== 'object') throw new InputError(`${where}: expected { "tenor": years, "yield": percent }`);
    const { tenor, yield: y } = p as { tenor?: unknown; yield?: unknown };
    const text = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : JSON.stringify(v ?? null));
    return { point: point(text(tenor), text(y), where), where };
  });
}

/**
 * The curve in a file, its tenors strictly increasing.
 *
 * @example loadCurve('curve.csv') // [{ tenor: 1, rate: 0.0235 }, …] from lines "1,2.35" …
 */
export function loadCurve(file: string): CurvePoint[] {
  const read = readWhole(file, MAX_CURVE_BYTES);
  if ('reason' in read) throw new InputError(`--curve ${file}: ${read.reason}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new InputError(`${file} is not UTF-8 text (save it as UTF-8)`);
  }
  const isJson = /\.json$/i.test(file) || /^\s*[[{]/.test(text);
  const points = isJson ? jsonPoints(text, file) : csvPoints(text, file);
  if (points.length === 0) throw new InputError(`${file} has no curve points: give lines of tenor,yield such as 1,2.35`);
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.point.tenor <= points[i - 1]!.point.tenor) throw new InputError(`${points[i]!.where}: tenors must increase (${points[i]!.point.tenor} after ${points[i - 1]!.point.tenor})`);
  }
  return points.map((p) => p.point);
}
