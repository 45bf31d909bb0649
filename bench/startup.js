#!/usr/bin/env node
/**
 * Start-up of `ipabs run` against a bare `node -e 0`, for one build or several, run in turn
 * (bare node, then each build, then bare node again …) so all see the same load on a shared
 * machine. Prints each one's median wall time (hrtime around spawnSync) and its ratio to the bare
 * start. Usage: node bench/startup.js [--runs 31] [DIR …] (each DIR a built checkout; default: this one).
 * `ipabs run deals/guangkai-patent-license.json` runs in each DIR; the target (issue 8) is under 2×.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const argv = process.argv.slice(2);
const at = argv.indexOf('--runs');
const runs = at < 0 ? 31 : Number(argv.splice(at, 2)[1]);
const dirs = argv.length ? argv.map((d) => resolve(d)) : [process.cwd()];
const extra = (process.env.IPABS_ARGS ?? 'run deals/guangkai-patent-license.json').split(' ');

const wall = (args, cwd) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} in ${cwd} exited with ${r.status}`);
  return ms;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const subjects = [{ name: 'node -e 0', args: ['-e', '0'], cwd: dirs[0] }, ...dirs.map((d) => ({ name: d, args: ['bin/ipabs.js', ...extra], cwd: d }))];
for (const s of subjects) wall(s.args, s.cwd); // warm the file cache
const times = subjects.map(() => []);
for (let k = 0; k < runs; k++) subjects.forEach((s, i) => times[i].push(wall(s.args, s.cwd)));
const bare = median(times[0]);
subjects.forEach((s, i) => {
  const m = median(times[i]);
  const sorted = [...times[i]].sort((a, b) => a - b);
  const q1 = sorted[Math.floor(runs / 4)], q3 = sorted[Math.floor((3 * runs) / 4)];
  console.log(`${s.name.padEnd(24)} median ${m.toFixed(1)} ms (IQR ${q1.toFixed(1)}–${q3.toFixed(1)})  ${(m / bare).toFixed(2)}×`);
});
