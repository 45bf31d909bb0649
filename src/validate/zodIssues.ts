/** Turns zod issues into diagnostics with clear, path-naming messages. */
import type { z } from 'zod';
import { formatPath, type Diagnostic } from './diagnostics.js';

/** Levenshtein distance, for "did you mean" suggestions on misspelt field names. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function describeReceived(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)}`;
  return `${typeof input} ${String(input)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function knownKeysAt(schemaShapeKeys: ((path: readonly PropertyKey[]) => string[]) | undefined, path: readonly PropertyKey[]): string[] {
  return schemaShapeKeys ? schemaShapeKeys(path) : [];
}

/**
 * One diagnostic per issue. `root` is the input (to say what was received); `keysAt`, when
 * given, lists the fields allowed at a path, for "did you mean" on unknown fields.
 */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  root: unknown,
  options: { pathPrefix?: readonly PropertyKey[]; keysAt?: (path: readonly PropertyKey[]) => string[] } = {},
): Diagnostic[] {
  const prefix = options.pathPrefix ?? [];
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const received = valueAt(root, issue.path);
    const at = (p: readonly PropertyKey[], message: string) => out.push({ severity: 'error', file, path: formatPath(p), message });
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const hint = suggest(key, knownKeysAt(options.keysAt, issue.path));
          at([...path, key], `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`);
        }
        break;
      case 'invalid_type':
        if (received === undefined) at(path, 'is required');
        else at(path, `must be ${article(issue.expected)} (got ${describeReceived(received)})`);
        break;
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
        if (disc !== undefined) {
          const opts = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
          if (received === undefined) at(path, `is required: one of ${opts}`);
          else at(path, `must be one of ${opts} (got ${describeReceived(received)})`);
        } else if (received === undefined) {
          at(path, 'is required');
        } else {
          // A union of simple variants (e.g. a number or a decimal string): say what fits.
          const inner = issue.errors.flat().filter((e) => e.code !== 'invalid_type');
          if (inner.length > 0) at([...path, ...inner[0]!.path], inner[0]!.message);
          else at(path, `has the wrong type (got ${describeReceived(received)})`);
        }
        break;
      }
      case 'invalid_value': {
        const opts = issue.values.map((v) => JSON.stringify(v)).join(', ');
        if (received === undefined) at(path, `is required: ${issue.values.length === 1 ? opts : `one of ${opts}`}`);
        else at(path, issue.values.length === 1 ? `must be ${opts} (got ${describeReceived(received)})` : `must be one of ${opts} (got ${describeReceived(received)})`);
        break;
      }
      case 'too_small':
        if (issue.origin === 'array') at(path, `must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`);
        else if (issue.origin === 'string') at(path, 'must not be empty');
        else at(path, `must be at least ${String(issue.minimum)} (got ${describeReceived(received)})`);
        break;
      case 'too_big':
        if (issue.origin === 'array') at(path, `must have at most ${String(issue.maximum)} items`);
        else at(path, `must be at most ${String(issue.maximum)} (got ${describeReceived(received)})`);
        break;
      case 'invalid_format':
        at(path, issue.message.startsWith('Invalid') ? `has the wrong format (got ${describeReceived(received)})` : issue.message);
        break;
      default:
        at(path, issue.message);
    }
  }
  return out;
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    int: 'a whole number',
  };
  return names[type] ?? type;
}
