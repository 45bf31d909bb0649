/**
 * The JSON contract of `ipabs validate --format json`: each file checked (a deal, a scenario, or
 * with `--status` a status file against its deal), whether it is ok, and its problems, each as
 * the text output names it: severity, file, JSON path or tape line and column, message. A status
 * file's problems have the same shape as a deal's (its tape's name the tape file and line).
 */
import { z } from 'zod';
import { DATE_PATTERN, schemaVersion } from './fields.js';
import { lazy } from './lazy.js';

/** One problem: where it is and what it is (the fields of a Diagnostic). */
const diagnostic = lazy(() =>
  z
    .object({
      severity: z.enum(['error', 'warning']),
      file: z.string().meta({ description: 'The file the problem is in: the deal, scenario or status file, or a tape.' }),
      path: z.string().optional().meta({ description: 'JSON path in the file, e.g. tranches[1].coupon.' }),
      line: z.number().int().optional().meta({ description: 'A tape’s line (1-based; the header is line 1), or an .xlsx tape’s row.' }),
      column: z.number().int().optional().meta({ description: 'A tape’s column (1-based).' }),
      columnName: z.string().optional().meta({ description: 'The header of that column.' }),
      message: z.string(),
    })
    .strict(),
);

/** `ipabs validate --format json`. */
export const validateResultSchema = lazy(() =>
  z
    .object({
      schemaVersion: schemaVersion(),
      ok: z.boolean().meta({ description: 'No file has an error (with --strict: nor a warning).' }),
      files: z.array(
        z
          .object({
            file: z.string(),
            kind: z.enum(['deal', 'scenario', 'status', 'unreadable']).meta({ description: 'What the file was checked as; unreadable: not JSON.' }),
            against: z.string().optional().meta({ description: 'The deal a scenario (--deal) or status (--status) was checked against; absent when checked for its shape only.' }),
            asOf: z.string().regex(DATE_PATTERN).optional().meta({ description: 'A status that fits its deal: its date.' }),
            periodsPast: z.number().int().optional().meta({ description: 'A status that fits its deal: the periods past.' }),
            ok: z.boolean(),
            errors: z.number().int(),
            warnings: z.number().int(),
            diagnostics: z.array(diagnostic()).meta({ description: 'Errors first, then warnings; with --strict warnings are errors saying so.' }),
          })
          .strict(),
      ),
    })
    .strict(),
);
