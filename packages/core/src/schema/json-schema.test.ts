import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { demoLikeConfig, validBatch } from '../../test/fixtures.js';
import {
  collectorConfigJsonSchema,
  eventBatchJsonSchema,
  formatJsonSchema,
  JSON_SCHEMA_FILES,
  type JsonSchemaDocument,
  surveyDefinitionJsonSchema,
} from './json-schema.js';

const packageRoot = new URL('../../', import.meta.url);
const generators = {
  collectorConfig: collectorConfigJsonSchema,
  eventBatch: eventBatchJsonSchema,
  surveyDefinition: surveyDefinitionJsonSchema,
} satisfies Record<keyof typeof JSON_SCHEMA_FILES, () => JsonSchemaDocument>;

const checkedIn = (name: keyof typeof JSON_SCHEMA_FILES) =>
  readFileSync(new URL(JSON_SCHEMA_FILES[name], packageRoot), 'utf8');

describe('checked-in JSON Schema files', () => {
  test.each(Object.keys(generators) as Array<keyof typeof generators>)(
    '%s is up to date with the zod schema',
    (name) => {
      const fresh = formatJsonSchema(generators[name]());
      expect(
        checkedIn(name) === fresh,
        `${JSON_SCHEMA_FILES[name]} is stale: run \`npm run generate:schema -w @npskit/core\``,
      ).toBe(true);
    },
  );

  test.each(Object.keys(generators) as Array<keyof typeof generators>)(
    '%s is draft 2020-12 with an $id and a title, 2-space JSON ending in a newline',
    (name) => {
      const text = checkedIn(name);
      const document = JSON.parse(text) as JsonSchemaDocument;
      expect(document.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(document.$id).toMatch(/^urn:npskit:schema:[a-z-]+:v1$/);
      expect(document.title).toEqual(expect.stringMatching(/^npskit /));
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n')[1]).toMatch(/^ {2}"/);
    },
  );
});

describe('generated JSON Schema', () => {
  test('describes what people write: fields with defaults are optional, unknown keys are not allowed', () => {
    const config = collectorConfigJsonSchema() as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(config.required).toEqual(['sites']);
    expect(config.additionalProperties).toBe(false);
    // `$schema` is allowed so editors can find this file from a config.
    expect(Object.keys(config.properties)).toContain('$schema');
    const survey = surveyDefinitionJsonSchema() as { required: string[] };
    expect(survey.required).toEqual(['id', 'kind', 'brand', 'sampling', 'triggers']);
  });

  test('the refinements JSON Schema cannot express do not break generation', () => {
    // superRefine / refine on config, survey, followup and context; each must still generate.
    expect(() => collectorConfigJsonSchema()).not.toThrow();
    expect(() => eventBatchJsonSchema()).not.toThrow();
    expect(() => surveyDefinitionJsonSchema()).not.toThrow();
  });

  // z.fromJSONSchema turns the generated file back into a validator, so the checked-in schema is
  // itself exercised (no separate JSON Schema validator is installed).
  const fromFile = (name: keyof typeof JSON_SCHEMA_FILES) =>
    z.fromJSONSchema(JSON.parse(checkedIn(name)) as Parameters<typeof z.fromJSONSchema>[0]);

  test('the demo-like config is valid against the checked-in JSON Schema', () => {
    expect(fromFile('collectorConfig').safeParse(demoLikeConfig()).error).toBeUndefined();
  });

  test('the checked-in JSON Schema rejects what zod rejects structurally', () => {
    const schema = fromFile('collectorConfig');
    expect(schema.safeParse({ ...demoLikeConfig(), extra: 1 }).success).toBe(false);
    const badRate = demoLikeConfig();
    const first = badRate.surveys?.[0];
    if (first) first.sampling = { rate: 2 };
    expect(schema.safeParse(badRate).success).toBe(false);
    expect(schema.safeParse({ sites: [] }).success).toBe(false);
  });

  test('a valid event batch is valid against the checked-in JSON Schema, a score of 11 is not', () => {
    const schema = fromFile('eventBatch');
    const batch = validBatch();
    expect(schema.safeParse(batch).error).toBeUndefined();
    const answer = batch.events[1];
    if (answer) answer.score = 11;
    expect(schema.safeParse(batch).success).toBe(false);
  });
});
