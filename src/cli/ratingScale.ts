/** `--rating-scale FILE` and `--multiple LIST`: the rating scale of `size` and `breakeven`. */
import { decodeUtf8, readInput } from '../io/loadDeal.js';
import { limitsOf } from '../io/input.js';
import { DEFAULT_RATING_SCALE, overrideScale, parseRatingScale, type RatingScale } from '../stress/ratingScale.js';
import { cliLoadOptions } from './inputOptions.js';
import { fileError } from './load.js';

export interface ScaleOptions {
  ratingScale?: string;
  multiple?: string;
}

/** The scale: the built-in one or `--rating-scale FILE`, with `--multiple` overrides. */
export function ratingScaleOf(o: ScaleOptions): RatingScale {
  let scale = DEFAULT_RATING_SCALE;
  if (o.ratingScale !== undefined) {
    const read = readInput(o.ratingScale, o.ratingScale, limitsOf(cliLoadOptions()).jsonBytes);
    const text = read.bytes ? decodeUtf8(read.bytes, o.ratingScale) : undefined;
    if (text?.text === undefined) throw fileError(o.ratingScale, text?.diagnostics ?? read.diagnostics);
    scale = parseRatingScale(text.text, o.ratingScale);
  }
  return o.multiple !== undefined ? overrideScale(scale, o.multiple, '--multiple') : scale;
}
