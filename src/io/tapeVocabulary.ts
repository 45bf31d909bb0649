/** What a kind of tape may write: the asset tapes' vocabulary, or another (a status tape's). */
import { TAPE } from '../pool/registry.js';

/**
 * What a kind of tape may write: header names → fields, value names by field, fields by unit.
 * Asset tapes take the registry's ({@link TAPE}); a status tape (./statusTape.ts) its own.
 */
export interface TapeVocabulary {
  aliases: Readonly<Record<string, string>>;
  values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  units: { amount: ReadonlySet<string>; rate: ReadonlySet<string>; int: ReadonlySet<string>; date: ReadonlySet<string> };
  /** Header names a message gives as examples (default: an asset tape's). */
  example?: string;
}

/** The vocabulary of asset tapes: every registered type's. */
export const ASSET_TAPE: TapeVocabulary = TAPE;
