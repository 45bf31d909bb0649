/**
 * The layers of src/: no folder imports a folder that imports it back (directly or round a
 * longer loop), and no file-level import cycle. Type-only imports count too: a cycle of types is
 * still two concepts that cannot be read apart.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

const IMPORT = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources('src')) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
    g.set(file, targets);
  }
  return g;
}

/** A cycle in a directed graph, as the list of its nodes, or undefined. */
function findCycle(g: Map<string, Set<string> | string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 1);
    stack.push(n);
    for (const m of g.get(n) ?? []) {
      if (state.get(m) === 1) return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of [...g.keys()].sort()) if (!state.has(n)) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

const folder = (file: string) => relative('src', file).split('/')[0]!;

describe('layers of src/', () => {
  it('has no import cycle between folders', () => {
    const folders = new Map<string, Set<string>>();
    for (const [file, targets] of graph()) {
      const from = folder(file);
      if (!folders.has(from)) folders.set(from, new Set());
      for (const t of targets) if (folder(t) !== from && !from.endsWith('.ts')) folders.get(from)!.add(folder(t));
    }
    expect(findCycle(folders)).toBeUndefined();
  });

  it('has no import cycle between files', () => {
    expect(findCycle(graph())).toBeUndefined();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
  });
});
