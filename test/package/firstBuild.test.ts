/**
 * bin/ipabs.js without dist/: a source checkout builds first (`npm run build`, its output on
 * stderr), an installed copy says what is wrong. On a stand-in project whose build writes a small
 * dist/cli/main.js, so no real build runs.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = "export async function main(argv) { console.log('ran ' + argv.join(' ')); return 0; }";
let dir = '';

/** A project with the real bin/ and a build script that writes a stand-in CLI. */
function project(checkout: boolean): string {
  dir = mkdtempSync(join(tmpdir(), 'ipabs-first-build-'));
  cpSync('bin', join(dir, 'bin'), { recursive: true });
  const build = `node -e "require('fs').mkdirSync('dist/cli',{recursive:true});require('fs').writeFileSync('dist/cli/main.js',${JSON.stringify(JSON.stringify(MAIN)).slice(1, -1)});console.log('built')"`;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'stand-in', type: 'module', scripts: { build } }));
  if (checkout) {
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src/index.ts'), '');
    mkdirSync(join(dir, 'node_modules/typescript'), { recursive: true });
  }
  return dir;
}

const ipabs = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(cwd, 'bin/ipabs.js'), ...args], { cwd, encoding: 'utf8' });

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the first ipabs command without dist/', () => {
  it('builds in a source checkout, keeping stdout for the command', () => {
    const r = ipabs(project(true), 'run', 'x.json');
    expect(r.stderr).toContain('first run in a source checkout: building dist/');
    expect(r.stderr).toContain('built');
    expect([r.status, r.stdout]).toEqual([0, 'ran run x.json\n']);
    // Built once: the next command starts at once.
    expect(ipabs(dir, '--version').stderr).toBe('');
  });

  it('stops with a message in an installed copy (no sources to build from)', () => {
    const r = ipabs(project(false), '--version');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/dist is missing and this copy has no sources to build it from: reinstall ipabs/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
