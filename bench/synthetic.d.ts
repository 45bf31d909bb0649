/** Writes a synthetic pledge-loan deal of `loans` loans and its tape into `dir`; returns the deal file. */
export function writeSyntheticDeal(dir: string, loans: number, months?: number): string;
