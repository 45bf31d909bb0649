/**
 * Progress lines: elapsed time and an estimate of the time left, on a terminal only; a run's
 * output is the same with or without them.
 */
import { describe, expect, it } from 'vitest';
import { formatDuration, rowsWithProgress, terminalProgress, timing } from '../../src/cli/progress.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

describe('progress', () => {
  it('formatDuration and timing', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(44_600)).toBe('45s');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(3_720_000)).toBe('1h02m');
    expect(timing(0.25, 10_000)).toBe('10s elapsed, about 30s left');
    // The pace since the first report: the set-up before it is not work.
    expect(timing(0.5, 10_000, { ms: 2_000, fraction: 0.1 })).toBe('10s elapsed, about 10s left');
    expect(timing(0.1, 3_000, { ms: 3_000, fraction: 0.1 })).toBe('3s elapsed, estimating the time left');
  });

  it('draws on a terminal after the delay, at most every 200 ms, and clears its line', () => {
    let t = 0;
    const io = Object.assign(memoryIo(), { progress: { delayMs: 1000 } });
    const p = terminalProgress(io, () => t);
    p.update(0, 'Stress: 0%');
    t = 500;
    p.update(0.25, 'Stress: 25%');
    expect(io.err).toBe('');
    t = 2000;
    p.update(0.5, 'Stress: 50%');
    t = 2100;
    p.update(0.6, 'Stress: 60%');
    p.finish();
    expect(io.err).toBe('\rStress: 50%, 2s elapsed, about 2s left\x1b[K\r\x1b[K');
  });

  it('nothing when stderr is not a terminal', () => {
    const io = memoryIo();
    const p = terminalProgress(io, () => 5000);
    p.update(0.5, 'x');
    p.finish();
    expect(io.err).toBe('');
  });

  it('rowsWithProgress: the rows of the range in order, each reported', () => {
    const seen: string[] = [];
    const rows = rowsWithProgress({ from: 2, to: 5 }, (i) => [i, i * 10], { update: (f, what) => seen.push(`${f.toFixed(2)} ${what}`), finish: () => seen.push('done') }, 'Stress', 'scenarios');
    expect(rows).toEqual([2, 20, 3, 30, 4, 40]);
    expect(seen).toEqual(['0.33 Stress: 33% (1 of 3 scenarios)', '0.67 Stress: 66% (2 of 3 scenarios)', '1.00 Stress: 100% (3 of 3 scenarios)', 'done']);
  });

  it('a stress grid on a "terminal" writes progress to stderr and the same report to stdout', async () => {
    const args = ['stress', 'deals/guangkai-patent-license.json', '--cdr', '0,5,10', '--recovery', '0,30', '--format', 'csv'];
    const plain = memoryIo();
    await main(args, plain);
    const tty = Object.assign(memoryIo(), { progress: { delayMs: 0 } });
    await main(args, tty);
    expect(tty.out).toBe(plain.out);
    expect(plain.err).toBe('');
    expect(tty.err).toMatch(/^\rStress: 16% \(1 of 6 scenarios\), \d+s elapsed, (estimating the time left|about \d+s left)\x1b\[K/);
    expect(tty.err.endsWith('\r\x1b[K')).toBe(true);
  });
});
