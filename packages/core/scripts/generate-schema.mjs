// Writes the checked-in JSON Schema files from the zod schemas. Runs on the built output (no TS
// runner needed): `npm run generate:schema -w @npskit/core` builds first, then runs this file.
import { writeFileSync } from 'node:fs';
import {
  collectorConfigJsonSchema,
  eventBatchJsonSchema,
  formatJsonSchema,
  JSON_SCHEMA_FILES,
  surveyDefinitionJsonSchema,
} from '../dist/schema/index.js';

const packageRoot = new URL('../', import.meta.url);
const documents = {
  collectorConfig: collectorConfigJsonSchema(),
  eventBatch: eventBatchJsonSchema(),
  surveyDefinition: surveyDefinitionJsonSchema(),
};

for (const [name, document] of Object.entries(documents)) {
  const file = new URL(JSON_SCHEMA_FILES[name], packageRoot);
  writeFileSync(file, formatJsonSchema(document));
  console.log(`wrote ${JSON_SCHEMA_FILES[name]}`);
}
