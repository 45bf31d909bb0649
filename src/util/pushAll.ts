/**
 * Appends every item to `target`. `target.push(...items)` passes each item as an argument and
 * overflows the call stack past about 100,000 items (a 10,000-loan pool's asset flows).
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
