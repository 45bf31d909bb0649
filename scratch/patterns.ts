import { rng, normal, normalQuantile } from '../src/stress/random.js';
for (const [pd, rho] of [[0.02, 0.2], [0.05, 0.2], [0.05, 0.3], [0.1, 0.2]] as const) {
  const r = rng(1);
  const th = normalQuantile(pd);
  const seen = new Set<string>();
  let nodef = 0;
  for (let p = 0; p < 100000; p++) {
    const z = normal(r);
    const keys: string[] = [];
    for (let o = 0; o < 11; o++) {
      const x = Math.sqrt(rho) * z + Math.sqrt(1 - rho) * normal(r);
      if (x < th) keys.push(`${o}@${Math.floor(r.next() * 20)}`);
    }
    if (!keys.length) nodef++;
    seen.add(keys.join(','));
  }
  console.log(pd, rho, 'distinct', seen.size, 'no-default share', nodef / 1e5);
}
