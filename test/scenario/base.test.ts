import { describe, expect, it } from 'vitest';
import { BASE_SCENARIO } from '../../src/scenario/base.js';
import { Scenario } from '../../src/scenario/schema.js';

describe('the base scenario as a plain value', () => {
  it('is what the scenario schema gives for an empty scenario', () => {
    const parsed = Scenario.parse({});
    expect(Object.keys(BASE_SCENARIO).sort()).toEqual(Object.keys(parsed).sort());
    expect(BASE_SCENARIO.recovery.rate.eq(parsed.recovery.rate)).toBe(true);
    expect({ ...BASE_SCENARIO, recovery: { ...BASE_SCENARIO.recovery, rate: '0' } }).toEqual({ ...parsed, recovery: { ...parsed.recovery, rate: '0' } });
  });
});
