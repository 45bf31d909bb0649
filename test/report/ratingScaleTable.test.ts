import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/util/money.js';
import { DEFAULT_RATING_SCALE, multipliersOf } from '../../src/stress/ratingScale.js';
import { notchesOf, scaleTable } from '../../src/report/ratingScaleTable.js';
import { render } from '../../src/report/render.js';

const report = (kind: 'breakeven' | 'size', base: string) => ({
  title: { zh: 't', en: 't' },
  sections: [scaleTable(kind === 'size' ? DEFAULT_RATING_SCALE.notches : notchesOf(multipliersOf(DEFAULT_RATING_SCALE)), new Decimal(base), kind)],
});

describe('the rating-scale table (one definition for breakeven and size)', () => {
  it('keeps each command’s section id and multiple key in JSON', () => {
    const b = JSON.parse(render(report('breakeven', '0.04'), { format: 'json', lang: 'en', unit: 'yuan' }));
    const s = JSON.parse(render(report('size', '0.04'), { format: 'json', lang: 'en', unit: 'yuan' }));
    expect(b.sections.tdr.rows[1]).toEqual({ grade: 'AA+', multiplier: '4.33', tdr: '0.1732' });
    expect(s.sections.scale.rows[1]).toEqual({ grade: 'AA+', multiple: '4.33', tdr: '0.1732' });
  });

  it('gives the same grades and TDRs whichever form the scale comes in', () => {
    const rows = (kind: 'breakeven' | 'size') => scaleTable(kind === 'size' ? DEFAULT_RATING_SCALE.notches : notchesOf(multipliersOf(DEFAULT_RATING_SCALE)), new Decimal('0.037'), kind).rows.map((r) => [r['grade'], String(r['tdr'])]);
    expect(rows('breakeven')).toEqual(rows('size'));
  });

  it('caps a TDR at 100%, as the implied rating does', () => {
    const t = scaleTable(notchesOf([{ grade: 'AAA', multiplier: 5 }, { grade: 'BBB', multiplier: 2 }]), new Decimal('0.3'), 'breakeven');
    expect(t.rows.map((r) => String(r['tdr']))).toEqual(['1', '0.6']);
  });
});
