/**
 * The workbook format (`--format xlsx`): a {@link Report} as an Office Open XML workbook, built by
 * buildWorkbook (workbook.ts) with exceljs and made byte-for-byte reproducible (zipTimes.ts).
 * exceljs is loaded on first use: the commands that write text never load it.
 */
import { createRequire } from 'node:module';
import type { Report } from '../model.js';
import { writeWorkbook, type WorkbookWriterClass, type XlsxOptions } from './workbook.js';
import { fixZipTimes } from './zipTimes.js';

export type { XlsxOptions } from './workbook.js';
export { cleanSheetName, MAX_SHEET_NAME } from './sheetNames.js';
export { numberFormat, DATE_FORMAT } from './cells.js';

/**
 * exceljs's streaming workbook writer, loaded on first use. exceljs is CommonJS, and required
 * rather than imported: the CLI's bundle runs as a script compiled by node:vm (bin/loadCli.js),
 * where a dynamic `import()` of a package has no loader, and keeps exceljs outside it
 * (scripts/bundle.mjs).
 */
function workbookWriter(): WorkbookWriterClass {
  const excel = createRequire(import.meta.url)('exceljs') as { stream: { xlsx: { WorkbookWriter: WorkbookWriterClass } } };
  return excel.stream.xlsx.WorkbookWriter;
}

/**
 * The report as the bytes of an .xlsx file: a cover sheet, one sheet per section, the notes last
 * (see workbook.ts). The same report and options give the same bytes.
 *
 * @example
 * const bytes = await renderXlsx(runReport(result, 'zh'), { lang: 'zh', unit: 'wan' });
 * writeFileSync('run.xlsx', bytes);
 */
export async function renderXlsx(report: Report, o: XlsxOptions): Promise<Buffer> {
  return fixZipTimes(await writeWorkbook(workbookWriter(), report, o));
}
