/**
 * The base scenario and the loss-sharing models as plain values, without the scenario schema:
 * the engine reads them at start-up, and building zod schemas there would cost every command.
 * It imports nothing of the schema (scenario/schema.ts checks it is a ScenarioSpec); a test checks
 * that it equals `Scenario.parse({})`.
 */
import { Decimal } from '../util/money.js';

/** Loss-sharing models of IP-pledge lending (report section 三): who bears a loan loss. */
export const LOSS_SHARING_MODELS = {
  浦东: { lender: 0.05, parties: { 政府: 0.95, 银行: 0.05 } },
  中山: { lender: 0.26, parties: { 政府: 0.54, 银行: 0.26, 保险: 0.16, 知识产权服务机构: 0.04 } },
  广州55: { lender: 0.5, parties: { 补偿基金: 0.5, 银行: 0.5 } },
  广州5311: { lender: 0.3, parties: { 补偿基金: 0.5, '保险或银行': 0.3, 担保: 0.1, 处置基金: 0.1 } },
  广州541: { lender: 0.1, parties: { 补偿基金: 0.5, 保险: 0.4, 银行: 0.1 } },
  苏州知保通: { lender: 0.2, parties: { 担保: 0.8, 银行: 0.2 } },
  德国: { lender: 0.07, parties: { 联邦: 0.39, 州: 0.26, 金融机构: 0.35 } },
} as const;

/** The base case: everything paid as the contracts say (what `Scenario.parse({})` gives). */
export const BASE_SCENARIO = {
  defaults: [] as never[],
  recovery: { rate: new Decimal(0), lagPeriods: 0 },
  spreadCompressionBp: 0,
  supportFailures: [] as never[],
  externalSupport: true,
};
