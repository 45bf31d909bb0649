/**
 * The API reference builds without a warning: every export of src/index.ts documented, every
 * type it refers to exported (or listed in typedoc.json's intentionallyNotExported), every
 * {@link} resolved. Runs TypeDoc as `npm run docs` does, writing nothing (≈ 10 s of CPU).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('npm run docs (TypeDoc)', () => {
  it('documents the public API without a warning', () => {
    const r = spawnSync(process.execPath, ['node_modules/typedoc/bin/typedoc', '--emit', 'none', '--treatWarningsAsErrors'], { encoding: 'utf8' });
    const log = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
    expect(log).not.toMatch(/\[(warning|error)\]/);
    expect(r.status).toBe(0);
  });
});
