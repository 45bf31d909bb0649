/** The field-level schemas (amounts, rates, dates, ids …) live in fields/, below the asset modules and the deal schema. */
export * from '../fields/primitives.js';
