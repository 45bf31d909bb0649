/**
 * The stress commands: stress, breakeven, obligors, montecarlo, each registered by its own
 * module (./stressCommand.ts, ./breakevenCommand.ts, ./obligorsCommand.ts,
 * ./montecarloCommand.ts). Wiring only.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';
import type { MergedRun } from './shard.js';
import { registerStress } from './stressCommand.js';
import { registerBreakeven } from './breakevenCommand.js';
import { registerObligors } from './obligorsCommand.js';
import { registerMonteCarlo } from './montecarloCommand.js';

export { progressLine } from './montecarloCommand.js';

/**
 * Registers stress, breakeven, obligors and montecarlo. `merged`: the parts `ipabs merge` runs
 * one of them over, in place of its work.
 */
export function registerStressCommands(program: Command, io: Io, merged?: MergedRun): void {
  registerStress(program, io, merged);
  registerBreakeven(program, io, merged);
  registerObligors(program, io);
  registerMonteCarlo(program, io, merged);
}
