import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultSchemaText, scenarioSchemaText, schemaText, statusSchemaText } from '../src/cli/schema.js';
import { RESULT_KINDS } from '../src/report/kinds.js';
import { resultSchemaFile } from '../src/contract/index.js';
import { sampleDeals } from './helpers.js';

describe('schemas/deal.schema.json', () => {
  it('is what the zod schemas generate (run `npm run schema` when this fails)', () => {
    expect(readFileSync('schemas/deal.schema.json', 'utf8')).toBe(schemaText());
  });
  it('schemas/scenario.schema.json is what the scenario schema generates', () => {
    expect(readFileSync('schemas/scenario.schema.json', 'utf8')).toBe(scenarioSchemaText());
  });
  it('schemas/status.schema.json is what the status schema generates', () => {
    expect(readFileSync('schemas/status.schema.json', 'utf8')).toBe(statusSchemaText());
  });
  for (const kind of RESULT_KINDS) {
    it(`schemas/${resultSchemaFile(kind)} is what the ${kind} result's contract generates`, () => {
      expect(readFileSync(`schemas/${resultSchemaFile(kind)}`, 'utf8')).toBe(resultSchemaText(kind));
    });
  }
  it('is named by every sample deal', () => {
    for (const deal of sampleDeals()) expect(JSON.parse(readFileSync(deal, 'utf8')).$schema, deal).toBe('../schemas/deal.schema.json');
  });
});
