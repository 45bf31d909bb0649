/**
 * `ipabs completion bash|zsh|fish`: the bash script is sourced in a real bash, registered
 * (`complete -p ipabs`) and asked for completions by setting COMP_WORDS as bash does; the zsh
 * and fish scripts are checked by those shells (syntax, registration, fish's own `complete -C`)
 * where they are installed, and skipped with a message where not.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFreshDist } from '../stress/fixtures.js';
import { runCli, useTempDir } from '../helpers.js';

const bin = (args: string[]) => spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const tmp = useTempDir('ipabs-completion-');
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const { code, out } = await runCli(['completion', shell]);
    expect(code).toBe(0);
    scripts[shell] = join(tmp.dir(), `ipabs.${shell}`);
    writeFileSync(scripts[shell]!, out);
  }
});

/** What the bash completion offers for `words` (the last is the word being completed). */
function bashComplete(words: string[]): string[] {
  const array = words.map((w) => `'${w}'`).join(' ');
  const script = `source '${scripts['bash']}'; COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; _ipabs; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((l) => l !== '');
}

describe('ipabs completion', () => {
  it('prints each script from the built CLI; an unknown shell is exit 2', () => {
    requireFreshDist();
    const r = bin(['completion', 'bash']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('complete -o filenames -F _ipabs ipabs');
    const bad = bin(['completion', 'tcsh']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bash, zsh, fish');
  });

  it('bash: registers ipabs and completes commands, options, option values and files', () => {
    const r = spawnSync('bash', ['-c', `source '${scripts['bash']}' && complete -p ipabs`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('complete -o filenames -F _ipabs ipabs');
    expect(bashComplete(['ipabs', 'mo'])).toEqual(['montecarlo']);
    expect(bashComplete(['ipabs', ''])).toEqual(expect.arrayContaining(['run', 'pool', 'stress', 'breakeven', 'montecarlo', 'size', 'completion', 'help']));
    expect(bashComplete(['ipabs', 'run', '--format', ''])).toEqual(['table', 'csv', 'json', 'md', 'html', 'xlsx']);
    expect(bashComplete(['ipabs', 'run', '--lang', '=', ''])).toEqual(['zh', 'en']);
    expect(bashComplete(['ipabs', 'pool', '-u', 'w'])).toEqual(['wan']);
    expect(bashComplete(['ipabs', 'size', '--principal-by', ''])).toEqual(['expected', 'legal']);
    expect(bashComplete(['ipabs', 'run', '--le'])).toEqual(['--ledger']);
    expect(bashComplete(['ipabs', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete(['ipabs', 'help', 'st'])).toEqual(['stress']);
    // Deal paths and scenario files are files; --tapes-from a folder; a number nothing.
    expect(bashComplete(['ipabs', 'run', 'deals/guangkai'])).toEqual(['deals/guangkai-patent-license.json']);
    expect(bashComplete(['ipabs', 'run', 'x.json', '-s', 'deals/scenarios/guangkai-t'])).toEqual(['deals/scenarios/guangkai-two-licensees-stop.json']);
    expect(bashComplete(['ipabs', 'pool', '--tapes-from', 'dea'])).toEqual(['deals']);
    expect(bashComplete(['ipabs', 'montecarlo', '--paths', ''])).toEqual([]);
  });

  it.runIf(has('zsh'))('zsh: the script parses and registers _ipabs for ipabs after compinit', () => {
    expect(spawnSync('zsh', ['-n', scripts['zsh']!]).status).toBe(0);
    const r = spawnSync('zsh', ['-c', `autoload -U compinit; compinit -u -D; source '${scripts['zsh']}'; print -r -- $_comps[ipabs]`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('_ipabs');
  });

  it.runIf(has('fish'))('fish: the script parses, and fish completes commands, option values and files with it', () => {
    expect(spawnSync('fish', ['-n', scripts['fish']!]).status).toBe(0);
    const complete = (line: string) => {
      const r = spawnSync('fish', ['-c', `source '${scripts['fish']}'; complete -C'${line}'`], { encoding: 'utf8' });
      return r.stdout.split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0]);
    };
    expect(complete('ipabs mo')).toEqual(['montecarlo']);
    expect(complete('ipabs run --format ')).toEqual(['csv', 'html', 'json', 'md', 'table', 'xlsx']);
    expect(complete('ipabs run deals/guangkai')).toEqual(['deals/guangkai-patent-license.json']);
  });

  it('says so when zsh or fish is not installed (those checks are skipped)', () => {
    for (const shell of ['zsh', 'fish']) if (!has(shell)) console.warn(`zsh/fish completion: ${shell} is not installed here; its syntax check is skipped (apt-get install ${shell})`);
    expect(true).toBe(true);
  });
});
