import { z } from 'zod';
import { collectorConfigSchema } from './config.js';
import { eventBatchSchema } from './event.js';
import { surveyDefinitionSchema } from './survey.js';

/** A JSON Schema document as generated here: a plain JSON object. */
export type JsonSchemaDocument = Record<string, unknown>;

/**
 * Where the checked-in JSON Schema files live inside the package, by schema. `$id`s are URNs because
 * npskit has no website to host them; editors resolve the file through a relative `$schema` path.
 */
export const JSON_SCHEMA_FILES = {
  collectorConfig: 'schema/collector-config.schema.json',
  eventBatch: 'schema/event-batch.schema.json',
  surveyDefinition: 'schema/survey-definition.schema.json',
} as const;

interface DocumentMeta {
  id: string;
  title: string;
  description: string;
}

/**
 * Converts with zod's built-in generator. `io: 'input'` describes what a person may *write* (fields
 * with defaults are optional); `unrepresentable: 'any'` keeps generation from throwing on anything
 * JSON Schema cannot say. Cross-field refinements (unique ids, end after start, a followup needs an
 * emotion or a comment) are not expressible and are silently left out: zod enforces them at load.
 */
function generate(schema: z.ZodType, meta: DocumentMeta): JsonSchemaDocument {
  const body = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaDocument;
  const { $schema, ...rest } = body;
  // `$schema`, `$id`, title and description first, so the file reads well by hand.
  return {
    $schema,
    $id: meta.id,
    title: meta.title,
    description: meta.description,
    ...rest,
  };
}

/**
 * JSON Schema (draft 2020-12) of the collector's config file, for editors and hand-written configs.
 * Cross-references (a site naming an unknown survey, duplicate ids) are only checked by
 * `collectorConfigSchema`.
 *
 * @example
 * writeFileSync('schema.json', `${JSON.stringify(collectorConfigJsonSchema(), null, 2)}\n`);
 */
export function collectorConfigJsonSchema(): JsonSchemaDocument {
  return generate(collectorConfigSchema, {
    id: 'urn:npskit:schema:collector-config:v1',
    title: 'npskit collector config',
    description:
      'The npskit collector config file: sites with write keys and allowed origins, survey definitions, quarantine rules, hashed read keys and webhooks. Generated from @npskit/core collectorConfigSchema; cross-references (survey ids named by sites, duplicate ids) are checked only by the collector at start.',
  });
}

/**
 * JSON Schema (draft 2020-12) of the `POST /v1/events` body.
 *
 * @example eventBatchJsonSchema().properties // { site, sentAt, events }
 */
export function eventBatchJsonSchema(): JsonSchemaDocument {
  return generate(eventBatchSchema, {
    id: 'urn:npskit:schema:event-batch:v1',
    title: 'npskit event batch',
    description:
      'The body of POST /v1/events (collector API v1). Generated from @npskit/core eventBatchSchema; a followup must carry an emotion or a comment, which only the collector checks.',
  });
}

/**
 * JSON Schema (draft 2020-12) of one survey definition, as written in a config file.
 *
 * @example surveyDefinitionJsonSchema().required // ['id', 'kind', 'brand', 'sampling', 'triggers']
 */
export function surveyDefinitionJsonSchema(): JsonSchemaDocument {
  return generate(surveyDefinitionSchema, {
    id: 'urn:npskit:schema:survey-definition:v1',
    title: 'npskit survey definition',
    description:
      'One survey as configured by the program owner and served to the widget. Generated from @npskit/core surveyDefinitionSchema; unique emotion keys and schedule end after start are checked only by zod.',
  });
}

/**
 * Serialises a generated schema the way the checked-in files are written: 2-space JSON and a
 * trailing newline, so regenerating an unchanged schema gives a byte-identical file.
 */
export function formatJsonSchema(document: JsonSchemaDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
