/**
 * Interest-rate indices (基准利率): each a named list of published fixings (history) and a forward
 * path of values not yet published (assumptions, each with its `assumed` note). Floating tranche
 * coupons and floating loan rates read them: the value in force on a date is the last one dated
 * on or before it.
 */
import { z } from 'zod';
import { Assumed, IsoDate, NameText, NoteText, Rate, Sources } from './primitives.js';
import { IndexName } from '../fields/floating.js';

export const IndexValue = z
  .strictObject({
    date: IsoDate.meta({ description: 'The date the value is published (or assumed to be) and from which it is in force.' }),
    value: Rate.meta({ description: 'The index value as a decimal: 0.0345 is 3.45%.' }),
    note: NoteText.optional(),
    assumed: Assumed,
  });

export const Index = z
  .strictObject({
    name: NameText.optional().meta({ description: 'Its full name, e.g. 贷款市场报价利率（1年期）.' }),
    history: z.array(IndexValue).default([]).meta({ description: 'Published fixings, in increasing date order.' }),
    forward: z.array(IndexValue).default([]).meta({
      description: 'Values not yet published, after the last fixing, in increasing date order: assumptions (an `assumed` note on each value, or `assumed.forward` on the index).',
    }),
    sources: Sources,
    note: NoteText.optional(),
    assumed: Assumed,
  });

export const Indices = z
  .record(IndexName, Index)
  .meta({ description: 'Interest-rate indices by name (LPR1Y, LPR5Y, SHIBOR3M, DR007 or any name): fixings and a forward path.' });

export type IndexSpec = z.output<typeof Index>;
export type IndicesSpec = z.output<typeof Indices>;
