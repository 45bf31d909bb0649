/**
 * What a validation rule is given: the deal, and the ways it reports a diagnostic (at a JSON path
 * of the deal file, on an asset's field inline or on a tape line, an unknown reference).
 */
import { formatPath, type Diagnostic, type Severity } from './diagnostics.js';
import { originOf, type AssetOrigin, type LoadedDeal } from '../deal/loaded.js';
import type { DealFile } from '../schema/deal.js';

/** What a rule is given: the deal, its file's spec, and the ways it reports a diagnostic. */
export interface RuleContext {
  deal: LoadedDeal;
  spec: DealFile;
  /** A diagnostic at a JSON path of the deal file. */
  at(path: readonly PropertyKey[], message: string, severity?: Severity): void;
  /** A diagnostic on a field of an asset, inline or on a tape line. */
  onAsset(index: number, field: string, message: string, severity?: Severity): void;
  /** An id that names nothing of its kind (an error at a JSON path). */
  unknownRef(path: readonly PropertyKey[], message: string, ref: UnknownRef): void;
}

/** What an unknown reference names: its kind (tranche, fee, account, support, asset) and id. */
export interface UnknownRef {
  kind: string;
  id: string;
}

/** A rule: a small named check adding errors (the deal cannot be run as written) or warnings (legal, but suspicious). */
export type Rule = (ctx: RuleContext) => void;

/** A rule context that hands each diagnostic to `add`, with what an unknown reference names. */
export function contextOf(deal: LoadedDeal, add: (d: Diagnostic, ref?: UnknownRef) => void): RuleContext {
  return {
    deal,
    spec: deal.spec,
    at(path, message, severity = 'error') {
      add({ severity, file: deal.file, path: formatPath(path), message });
    },
    onAsset(index, field, message, severity = 'error') {
      add(assetDiagnostic(deal.file, originOf(deal, index)!, field, message, severity));
    },
    unknownRef(path, message, ref) {
      add({ severity: 'error', file: deal.file, path: formatPath(path), message }, ref);
    },
  };
}

/** A diagnostic on an asset's field: at its JSON path when inline, at its tape line and column otherwise. */
export function assetDiagnostic(dealFile: string, origin: AssetOrigin, field: string, message: string, severity: Severity): Diagnostic {
  if (origin.kind === 'inline') return { severity, file: dealFile, path: formatPath(['pool', 'assets', origin.index, ...field.split('.')]), message };
  const column = origin.columns.find((c) => c.field === field || c.field?.startsWith(`${field}.`));
  return { severity, file: origin.file, line: origin.line, column: column ? column.index + 1 : undefined, columnName: column?.header, message: column ? message : `${field}: ${message}` };
}
