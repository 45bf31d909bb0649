/**
 * A fresh clone has no dist/: `npm ci` does not build (the build is `prepack`, not `prepare`, so
 * that installing ipabs from a tarball or git runs no install script, which npm 11 warns about).
 * The first `ipabs` command in a source checkout builds it; an installed package without dist/
 * (nothing to build it with) gets a message instead of a stack trace.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** Builds dist/ with `npm run build` when this is a source checkout; exits with a message otherwise. */
function buildOnFirstRun() {
  const checkout = existsSync(join(root, 'src/index.ts')) && existsSync(join(root, 'node_modules/typescript'));
  if (!checkout) {
    process.stderr.write(`ipabs: ${join(root, 'dist')} is missing and this copy has no sources to build it from: reinstall ipabs from npm or a release tarball\n`);
    process.exit(1);
  }
  process.stderr.write('ipabs: first run in a source checkout: building dist/ (npm run build) …\n');
  // The build's own output goes to stderr: stdout is the command's (ipabs run --format json > x.json).
  const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (r.status !== 0) {
    process.stderr.write(`ipabs: npm run build failed (${r.error ? r.error.message : `exit ${r.status}`})\n`);
    process.exit(1);
  }
}

exports.buildOnFirstRun = buildOnFirstRun;
