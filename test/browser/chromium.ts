/**
 * Headless Chromium for the browser tests, driven by playwright-core (no browser download): the
 * one named by IPABS_CHROMIUM, else the first found of the usual paths (Debian's `chromium`
 * package is /usr/bin/chromium; .ci/run installs it).
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

const executable = (p: string) => {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The browser's path, or undefined with the reason. */
export function findChromium(): { path?: string; why: string } {
  const env = process.env['IPABS_CHROMIUM'];
  if (env) return executable(env) ? { path: env, why: `IPABS_CHROMIUM=${env}` } : { why: `IPABS_CHROMIUM=${env} is not an executable file` };
  const path = PATHS.find(executable);
  return path ? { path, why: path } : { why: `no Chromium found (tried ${PATHS.join(', ')}); set IPABS_CHROMIUM or install it (Debian: apt-get install chromium)` };
}

/** Launches it headless; as root (CI containers) Chromium's sandbox cannot start, so it is switched off. */
export function launch(path: string): Promise<Browser> {
  const root = process.getuid?.() === 0;
  return chromium.launch({ executablePath: path, headless: true, args: root ? ['--no-sandbox'] : [] });
}
