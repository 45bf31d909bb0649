/**
 * Compares a workbook with the CSV of the same report, cell by cell: the same sections in the
 * same order, the same headers (the workbook's money headers add the unit), the same rows, and
 * every figure the same as CSV shows it once the workbook's number is rounded half-up to the
 * CSV's places (amounts to the fen). Returns the differences (none when they agree).
 */
import { parse } from 'csv-parse/sync';
import ExcelJS, { type Cell, type CellValue, type Workbook, type Worksheet } from 'exceljs';
import { Decimal } from '../../src/util/money.js';

const UNIT_SUFFIX = /(（元）|（万元）| \(CNY\)| \(CNY 10k\))$/;
const KV_HEADERS = [JSON.stringify(['项目', '数值']), JSON.stringify(['Item', 'Value'])];

/** A workbook read back from its bytes with exceljs. */
export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb;
}

/** CSV records in blocks (a blank line between blocks). */
function csvBlocks(csv: string): string[][][] {
  const records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  const blocks: string[][][] = [[]];
  for (const r of records) {
    if (r.length === 1 && r[0] === '') blocks.push([]);
    else blocks[blocks.length - 1]!.push(r);
  }
  return blocks;
}

/** A cell's value as exceljs reads it back (rich text and links as their text). */
function plain(v: CellValue): string | number | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return plain(v.result as CellValue);
    throw new Error(`unexpected cell value ${JSON.stringify(v)}`);
  }
  return v as string | number | Date;
}

/** The places of a CSV number (`12.50%` has 2). */
const places = (s: string) => (s.includes('.') ? s.length - s.indexOf('.') - 1 : 0);

/** Why `cell` does not show the CSV field `csv`, or undefined when it does. */
export function figureDifference(csv: string, cell: Cell, unit: 'yuan' | 'wan'): string | undefined {
  const v = plain(cell.value);
  if (csv === '') return v === null || v === '' ? undefined : `empty in CSV, ${String(v)} in the workbook`;
  if (v === null) return `${csv} in CSV, empty in the workbook`;
  if (v instanceof Date) return v.toISOString().slice(0, 10) === csv && cell.numFmt === 'yyyy-mm-dd' ? undefined : `date ${v.toISOString()} (${cell.numFmt}) for ${csv}`;
  if (typeof v === 'string') return v === csv || `'${v}` === csv ? undefined : `text ${JSON.stringify(v)} for ${JSON.stringify(csv)}`;
  const percent = csv.endsWith('%');
  const shown = percent ? csv.slice(0, -1) : csv;
  if (!/^-?\d+(\.\d+)?$/.test(shown)) return `number ${v} for text ${csv}`;
  const exact = new Decimal(String(v));
  const rounded = (percent ? exact.times(100) : exact).toDecimalPlaces(places(shown), Decimal.ROUND_HALF_UP);
  if (!rounded.eq(shown)) return `${v} (${cell.numFmt}) shows as ${rounded.toFixed(places(shown))}, CSV has ${csv}`;
  if (percent !== (cell.numFmt ?? '').endsWith('%')) return `${csv}: number format ${cell.numFmt}`;
  // Amounts are whole fen: in yuan at most 2 places, in 10,000 yuan at most 6.
  if ((cell.numFmt ?? '').startsWith('#,##0.') && exact.decimalPlaces() > (unit === 'yuan' ? 2 : 6)) return `${v} is not a whole number of fen`;
  return undefined;
}

function rowTexts(ws: Worksheet, n: number): string[] {
  const row = ws.getRow(n);
  return Array.from({ length: row.cellCount }, (_, i) => String(plain(row.getCell(i + 1).value) ?? ''));
}

function compareRows(ws: Worksheet, firstRow: number, records: string[][], unit: 'yuan' | 'wan', where: string): string[] {
  const out: string[] = [];
  if (ws.actualRowCount !== firstRow - 1 + records.length) out.push(`${where}: ${ws.actualRowCount - firstRow + 1} rows in the workbook, ${records.length} in CSV`);
  records.forEach((r, i) => {
    r.forEach((field, j) => {
      const why = figureDifference(field, ws.getRow(firstRow + i).getCell(j + 1), unit);
      if (why) out.push(`${where}!${ws.getRow(firstRow + i).getCell(j + 1).address}: ${why}`);
    });
  });
  return out;
}

/**
 * The differences between the workbook and the CSV (same command, language and unit). The
 * workbook's first sheet is the cover, its last the notes; the sheets between are the sections.
 */
export function compareWithCsv(wb: Workbook, csv: string, unit: 'yuan' | 'wan'): string[] {
  const blocks = csvBlocks(csv);
  const sheets = wb.worksheets.slice(1, -1);
  const sectionBlocks = blocks.slice(1, 1 + sheets.length);
  const out: string[] = [];
  if (blocks.length - 1 < sheets.length || blocks.length - 1 > sheets.length + 1) out.push(`${sheets.length} section sheets, ${blocks.length - 1} CSV blocks after the title`);
  const cover = wb.worksheets[0]!;
  const title = plain(cover.getCell('A1').value);
  if (title !== blocks[0]![0]![0]) out.push(`cover title ${String(title)}, CSV ${blocks[0]![0]![0]}`);
  blocks[0]!.slice(1).forEach((line, i) => {
    if (plain(cover.getCell(`A${i + 2}`).value) !== line[0]) out.push(`cover line ${i + 2}: ${String(plain(cover.getCell(`A${i + 2}`).value))}, CSV ${line[0]}`);
  });
  sheets.forEach((ws, i) => {
    const block = sectionBlocks[i]!;
    const listed = cover.getColumn(1).values.findIndex((v) => v === ws.name);
    if (listed < 0 || plain(cover.getCell(listed, 2).value) !== block[0]![0]) out.push(`${ws.name}: not listed on the cover with the title ${block[0]![0]}`);
    const header = rowTexts(ws, 1);
    if (KV_HEADERS.includes(JSON.stringify(header)) && !KV_HEADERS.includes(JSON.stringify(block[1]))) {
      const items = block.slice(1);
      if (ws.actualRowCount !== 1 + items.length) out.push(`${ws.name}: ${ws.actualRowCount - 1} items in the workbook, ${items.length} in CSV`);
      items.forEach(([label, value], k) => {
        const shownLabel = String(plain(ws.getCell(k + 2, 1).value)).replace(UNIT_SUFFIX, '');
        if (shownLabel !== label) out.push(`${ws.name}!A${k + 2}: label ${shownLabel}, CSV ${label}`);
        const why = figureDifference(value ?? '', ws.getCell(k + 2, 2), unit);
        if (why) out.push(`${ws.name}!B${k + 2}: ${why}`);
      });
    } else {
      const bare = header.map((h) => h.replace(UNIT_SUFFIX, ''));
      if (JSON.stringify(bare) !== JSON.stringify(block[1])) out.push(`${ws.name}: header ${JSON.stringify(header)}, CSV ${JSON.stringify(block[1])}`);
      out.push(...compareRows(ws, 2, block.slice(2), unit, ws.name));
    }
  });
  return out;
}
