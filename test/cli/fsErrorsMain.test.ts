/**
 * main() turns a file-system error that escapes a command into exit 2 and words (issue 7,
 * item 18), and leaves every other error a bug (exit 70). The pool command is replaced by one
 * that throws what the test says.
 */
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers.js';

const thrown = vi.hoisted(() => ({ error: undefined as unknown }));
vi.mock('../../src/cli/pool.js', () => ({
  poolCommand: () => {
    throw thrown.error;
  },
}));

function sysError(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: raw node text, ${syscall} '${path ?? ''}'`), { code, syscall, errno: -1, path });
}

async function failWith(error: unknown): Promise<{ code: number; err: string }> {
  thrown.error = error;
  const { code, out, err } = await runCli(['pool', 'deal.json']);
  expect(out).toBe('');
  return { code, err };
}

describe('a Node system error escaping a command', () => {
  it('is exit 2 with the path and the words, never Node’s text', async () => {
    expect(await failWith(sysError('ENOTDIR', 'open', `${process.cwd()}/deals/x.json/tape.csv`))).toEqual({ code: 2, err: 'ipabs: deals/x.json/tape.csv: not a folder (a part of the path is a file)\n' });
    expect(await failWith(sysError('EBUSY', 'open', '/mnt/locked.csv'))).toEqual({ code: 2, err: 'ipabs: /mnt/locked.csv: busy (in use by the system or another program)\n' });
    expect(await failWith(sysError('EISDIR', 'read', 'deals'))).toEqual({ code: 2, err: 'ipabs: deals: is a directory\n' });
    expect(await failWith(sysError('EMFILE', 'open'))).toEqual({ code: 2, err: 'ipabs: too many files open\n' });
  });

  it('a path with a NUL character: exit 2', async () => {
    let nul: unknown;
    try {
      (await import('node:fs')).readFileSync('a\0b');
    } catch (err) {
      nul = err;
    }
    expect(await failWith(nul)).toEqual({ code: 2, err: 'ipabs: the path contains a NUL character\n' });
  });

  it('anything else stays a bug: exit 70', async () => {
    for (const error of [new TypeError("Cannot read properties of undefined (reading 'x')"), Object.assign(new Error('looks like one'), { code: 'ENOENT' }), 'a string']) {
      const { code, err } = await failWith(error);
      expect(code).toBe(70);
      expect(err).toMatch(/^ipabs: internal error \(unexpected\)/);
    }
  });
});
