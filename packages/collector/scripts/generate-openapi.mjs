// Writes the checked-in OpenAPI document from the route specs and zod schemas. Runs on the built
// output: `npm run generate:openapi -w @npskit/collector` builds first, then runs this file.
import { writeFileSync } from 'node:fs';
import { formatOpenApi, OPENAPI_FILE, openApiDocument } from '../dist/openapi/document.js';

writeFileSync(new URL(`../${OPENAPI_FILE}`, import.meta.url), formatOpenApi(openApiDocument()));
console.log(`wrote ${OPENAPI_FILE}`);
