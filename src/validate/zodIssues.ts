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
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(name.length / 3))) return best;
  // A short name the user knows a party by (开发区金控) inside its full name.
  const containing = candidates.filter((c) => name.length >= 2 && c.includes(name));
  return containing.length === 1 ? containing[0] : undefined;
}

/** What a value is, for "(got …)": `the text "2023-02-30"`, `number 4`, `a list`. */
export function describeReceived(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return input.length === 0 ? 'an empty list' : 'a list';
  if (typeof input === 'object') return Object.keys(input).length === 0 ? 'an empty object' : 'an object';
  if (typeof input === 'string') return `the text ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + '…' : input)}`;
  return `${typeof input} ${String(input)}`;
}

/** Adds what was received to a message that does not already say it. */
function withReceived(message: string, received: unknown): string {
  if (received === undefined || (typeof received === 'object' && received !== null) || /\bgot\b/.test(message)) return message;
  return message.endsWith(')') ? `${message}, got ${describeReceived(received)}` : `${message} (got ${describeReceived(received)})`;
}

/** The value at a path of keys in a parsed JSON document, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface IssueOptions {
  /** Prepended to every path in the diagnostics (not used to look values up in `root`). */
  pathPrefix?: readonly PropertyKey[];
  /** The fields allowed at a path of `root`, for "did you mean" on unknown fields. */
  keysAt?: (path: readonly PropertyKey[]) => string[];
  /** The field lists of the object forms a union at a path of `root` accepts. */
  variantKeysAt?: (path: readonly PropertyKey[]) => string[][];
  /**
   * What the user wrote at a path of `root`, when `root` is a converted form of it (a tape cell's
   * text before conversion); undefined to look the value up in `root`.
   */
  receivedAt?: (path: readonly PropertyKey[]) => unknown;
}

/** A diagnostic being built, with what is needed to merge "unknown field" with "is required". */
interface Draft {
  diagnostic: Diagnostic;
  missing?: string;
  suggestedFor?: { missing: string; key: string };
  drop?: boolean;
}

/**
 * One diagnostic per issue. `root` is the input (to say what was received); `keysAt`, when
 * given, lists the fields allowed at a path, for "did you mean" on unknown fields.
 */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], file: string, root: unknown, options: IssueOptions = {}): Diagnostic[] {
  const prefix = options.pathPrefix ?? [];
  const drafts: Draft[] = [];
  const receivedAt = (p: readonly PropertyKey[]): unknown => options.receivedAt?.(p) ?? valueAt(root, p);

  const visit = (list: readonly z.core.$ZodIssue[], base: readonly PropertyKey[]) => {
    for (const issue of list) {
      const rel = [...base, ...issue.path];
      const path = [...prefix, ...rel];
      const received = receivedAt(rel);
      const at = (p: readonly PropertyKey[], message: string): Draft => {
        const where = formatPath(p);
        const text = where === '' && message.startsWith('must ') ? `the file ${message}` : message;
        const draft: Draft = { diagnostic: { severity: 'error', file, path: where, message: text } };
        drafts.push(draft);
        return draft;
      };
      switch (issue.code) {
        case 'unrecognized_keys':
          for (const key of issue.keys) {
            const hint = suggest(key, options.keysAt?.(rel) ?? []);
            const d = at([...path, key], `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}`);
            if (hint) d.suggestedFor = { missing: formatPath([...path, hint]), key: hint };
          }
          break;
        case 'invalid_type':
          if (received === undefined) at(path, 'is required').missing = formatPath(path);
          else at(path, `must be ${article(issue.expected)} (got ${describeReceived(received)})`);
          break;
        case 'invalid_union': {
          const disc = issue.discriminator;
          if (disc !== undefined) {
            const opts = ('options' in issue ? (issue.options ?? []) : []).map((o) => JSON.stringify(o)).join(', ');
            if (received === undefined) at(path, `is required: one of ${opts}`).missing = formatPath(path);
            else at(path, `must be one of ${opts} (got ${describeReceived(received)})`);
          } else if (received === undefined) {
            at(path, 'is required').missing = formatPath(path);
          } else {
            const chosen = chooseUnionBranch(issue.errors, received);
            if (chosen) visit(chosen, rel);
            else at(path, describeUnion(issue.errors, received, options.variantKeysAt?.(rel) ?? []));
          }
          break;
        }
        case 'invalid_value': {
          const opts = issue.values.map((v) => JSON.stringify(v)).join(', ');
          if (received === undefined) at(path, `is required: ${issue.values.length === 1 ? opts : `one of ${opts}`}`).missing = formatPath(path);
          else at(path, issue.values.length === 1 ? `must be ${opts} (got ${describeReceived(received)})` : `must be one of ${opts} (got ${describeReceived(received)})`);
          break;
        }
        case 'too_small':
          at(path, tooSmallMessage(issue, received));
          break;
        case 'too_big':
          at(path, tooBigMessage(issue, received));
          break;
        case 'invalid_format':
          at(path, issue.message.startsWith('Invalid') ? `has the wrong format (got ${describeReceived(received)})` : withReceived(issue.message, received));
          break;
        default:
          at(path, withReceived(issue.message, received));
      }
    }
  };
  visit(issues, []);
  return mergeMisspelledRequired(drafts);
}

/** A value below its minimum: too few items, too short a text, too small a number. */
function tooSmallMessage(issue: z.core.$ZodIssueTooSmall, received: unknown): string {
  const min = String(issue.minimum);
  if (issue.origin === 'array') return `must have at least ${min} item${min === '1' ? '' : 's'}`;
  if (issue.origin === 'string') return min === '1' ? 'must not be empty' : `must be at least ${min} characters long`;
  return `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${min} (got ${describeReceived(received)})`;
}

/** A value above its maximum: too many items, too long a text, too large a number. */
function tooBigMessage(issue: z.core.$ZodIssueTooBig, received: unknown): string {
  const max = String(issue.maximum);
  if (issue.origin === 'array') return `must have at most ${max} item${max === '1' ? '' : 's'}`;
  // boundedText's own message says how long the text was (what is received here may be shortened).
  if (issue.origin === 'string') return issue.message.startsWith('must ') ? issue.message : `must be at most ${max} characters long`;
  return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max} (got ${describeReceived(received)})`;
}

/**
 * "unknown field expectedMaturty (did you mean expectedMaturity?)" and "expectedMaturity is
 * required" are one mistake: said once, where the misspelling is.
 */
function mergeMisspelledRequired(drafts: Draft[]): Diagnostic[] {
  for (const d of drafts) {
    if (!d.suggestedFor) continue;
    const missing = drafts.find((m) => m.missing === d.suggestedFor!.missing && !m.drop);
    if (missing) {
      missing.drop = true;
      d.diagnostic.message = `unknown field (did you mean "${d.suggestedFor.key}"? that field is required and missing)`;
    }
  }
  return drafts.filter((d) => !d.drop).map((d) => d.diagnostic);
}

/** The issue is about the value's type or literal value itself: this branch is the wrong form. */
function wrongForm(branch: readonly z.core.$ZodIssue[]): boolean {
  // A branch that is itself a union of the wrong forms (a rate: text or a number) is the wrong form too.
  return branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value' || (i.code === 'invalid_union' && i.errors.length > 0 && i.errors.every(wrongForm))));
}

/**
 * The branch of a plain union whose issues to report: among the branches of the right type, the
 * one that knows the most of an object's fields (then the one with fewest issues). Undefined
 * when no branch fits well enough to say which form was meant.
 */
function chooseUnionBranch(branches: readonly (readonly z.core.$ZodIssue[])[], received: unknown): readonly z.core.$ZodIssue[] | undefined {
  const fitting = branches.filter((b) => !wrongForm(b));
  if (fitting.length === 0) return undefined;
  if (!isPlainObject(received)) return fitting[0];
  const keys = Object.keys(received).length;
  const scored = fitting.map((b) => {
    const unknown = b.filter((i) => i.path.length === 0 && i.code === 'unrecognized_keys').reduce((n, i) => n + (i as { keys: string[] }).keys.length, 0);
    return { b, known: keys - unknown, issues: b.length };
  });
  scored.sort((x, y) => y.known - x.known || x.issues - y.issues);
  const best = scored[0]!;
  if (fitting.length > 1 && (best.known === 0 || (scored[1]!.known === best.known && scored[1]!.issues === best.issues))) return undefined;
  return best.b;
}

/** "must be a number or "monthEnd"", or the object forms a union accepts. */
function describeUnion(branches: readonly (readonly z.core.$ZodIssue[])[], received: unknown, variants: readonly string[][]): string {
  const alternatives = new Set<string>();
  for (const b of branches) {
    const root = b.find((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
    if (root?.code === 'invalid_type' && root.expected !== 'object') alternatives.add(article(root.expected));
    else if (root?.code === 'invalid_value') alternatives.add(root.values.map((v) => JSON.stringify(v)).join(' or '));
  }
  for (const keys of variants) alternatives.add(`an object with the fields ${keys.join(', ')}`);
  const list = [...alternatives];
  const text = list.length === 0 ? 'must match one of the forms allowed here' : `must be ${list.length <= 2 ? list.join(' or ') : `one of: ${list.join('; ')}`}`;
  return `${text} (got ${describeReceived(received)})`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object',
    array: 'a list',
    int: 'a whole number',
    record: 'an object',
  };
  return names[type] ?? type;
}
