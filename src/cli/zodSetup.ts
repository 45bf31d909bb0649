/**
 * zod set up for the CLI (see `load` in cli/main.ts). A module of its own, loaded with the first
 * command module: it imports zod's `config` by name, so the CLI's bundle calls that function
 * directly instead of building zod's whole namespace object (which `import('zod')` would) at
 * start-up.
 */
import { config } from 'zod';

/** Switches zod's compiled fast path off: see cli/main.ts. */
export function zodJitless(): void {
  config({ jitless: true });
}
