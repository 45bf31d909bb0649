/**
 * A table of 150,000 rows (a 10,000-loan pool's asset flows run past that) renders in every text
 * format: no `push(...rows)` that overflows the call stack.
 */
import { describe, expect, it } from 'vitest';
import { render } from '../../src/report/render.js';
import type { Report } from '../../src/report/model.js';

const ROWS = 150_000;

describe('a very long table', () => {
  const report: Report = {
    title: { zh: '长表', en: 'Long table' },
    subtitle: [],
    sections: [
      {
        type: 'table',
        id: 'long',
        title: { zh: '长表', en: 'Long table' },
        columns: [{ key: 'n', header: { zh: '序号', en: 'No.' }, kind: 'int' }],
        rows: Array.from({ length: ROWS }, (_, i) => ({ n: i + 1 })),
      },
    ],
    notes: [],
  } as unknown as Report;

  it.each(['csv', 'table', 'md', 'html'] as const)('renders as %s', (format) => {
    const text = render(report, { format, lang: 'en', unit: 'yuan' } as never);
    expect(text).toMatch(/\b150,?000\b/);
  });
});
