import { z } from 'zod';
import { ROUTE_SPECS, type RouteSpec } from './route-specs.js';

type Json = Record<string, unknown>;

/** Where the checked-in document lives, relative to the package root. */
export const OPENAPI_FILE = 'openapi.json';

const ROLE_TEXT: Readonly<Record<string, string>> = {
  viewer: 'a viewer, caseworker or admin key',
  caseworker: 'a caseworker or admin key',
  admin: 'an admin key',
  inviter: 'an inviter or admin key',
};

/**
 * Converts a zod schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect). Named sub-schemas (`.meta({
 * id })`) land in `components.schemas` and are referenced from there, so `NpsRow` is written once.
 */
function convert(schema: z.ZodType, io: 'input' | 'output', components: Json): Json {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Json;
  const { $schema: _, $defs, ...rest } = json;
  for (const [id, definition] of Object.entries(($defs ?? {}) as Json)) {
    components[id] = rewrite(definition);
  }
  return rewrite(rest) as Json;
}

/** `#/$defs/X` → `#/components/schemas/X`, everywhere in a converted schema. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewrite);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, inner] of Object.entries(value as Json)) {
    out[key] =
      key === '$ref' && typeof inner === 'string'
        ? inner.replace(/^#\/\$defs\//, '#/components/schemas/')
        : rewrite(inner);
  }
  return out;
}

/** `/v1/cases/:id{[0-9a-f]{8}…}` → `/v1/cases/:id`: Hono's regex constraint of a parameter dropped. */
export function stripPatterns(path: string): string {
  return path.replace(/(:[A-Za-z]+)\{(?:[^{}]|\{[^{}]*\})*\}/g, '$1');
}

/** `/v1/respondents/:id` → `/v1/respondents/{id}`; a trailing `*` becomes `{path}`. */
export function openApiPath(path: string): string {
  return stripPatterns(path)
    .replace(/:([A-Za-z]+)/g, '{$1}')
    .replace(/\*$/, '{path}');
}

function operation(spec: RouteSpec, components: Json): Json {
  const parameters: Json[] = [];
  for (const [name, description] of Object.entries(spec.params ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  }
  if (spec.path.endsWith('*')) {
    parameters.push({ name: 'path', in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const [name, field] of Object.entries(spec.query?.shape ?? {})) {
    const schema = convert(field as z.ZodType, 'input', components);
    const { description, ...rest } = schema;
    parameters.push({
      name,
      in: 'query',
      required: !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: rest,
    });
  }
  const responses: Json = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const content: Json = {};
    if (response.schema) {
      content['application/json'] = { schema: convert(response.schema, 'output', components) };
    }
    for (const media of response.media ?? []) content[media] = { schema: { type: 'string' } };
    responses[status] = {
      description: response.description,
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  const security = spec.access === 'public' ? [] : [{ readKey: [] }, { session: [] }];
  const access =
    spec.access === 'public'
      ? 'Public.'
      : `Needs ${ROLE_TEXT[spec.access] ?? spec.access}${spec.unscopedOnly ? ' without a scope' : ''} (Bearer or session cookie).`;
  return {
    operationId: `${spec.method}${openApiPath(spec.path)
      .replace(/[{}]/g, '')
      .split(/[/.-]/)
      .filter(Boolean)
      .map((part) => part[0]?.toUpperCase() + part.slice(1))
      .join('')}`,
    summary: spec.summary,
    description: [spec.description, access].filter(Boolean).join('\n\n'),
    tags: [...spec.tags],
    'x-npskit-access': spec.access,
    security,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: convert(spec.body, 'input', components) } },
          },
        }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of every route, generated from the same zod schemas that validate the
 * requests and (in the tests) the responses. Served at `GET /v1/openapi.json` and checked in as
 * `openapi.json`; a test fails when they, or a registered route and its spec, disagree.
 */
export function openApiDocument(specs: readonly RouteSpec[] = ROUTE_SPECS): Json {
  const components: Json = {};
  const paths: Record<string, Json> = {};
  for (const spec of specs) {
    const path = openApiPath(spec.path);
    paths[path] = { ...(paths[path] ?? {}), [spec.method]: operation(spec, components) };
  }
  const sorted = Object.fromEntries(
    Object.entries(components).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'npskit collector',
      version: '1',
      description:
        'Ingest for the npskit widget and the analyst API. Analyst routes take `Authorization: Bearer rk_…` or the `npskit_session` cookie from `POST /v1/session`; every 4xx body is `{ error, message, issues? }` and never echoes submitted values.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths,
    components: {
      schemas: sorted,
      securitySchemes: {
        readKey: { type: 'http', scheme: 'bearer', description: 'A read key (rk_…).' },
        session: { type: 'apiKey', in: 'cookie', name: 'npskit_session' },
      },
    },
  };
}

/** The document as written to `openapi.json`: 2-space JSON and a trailing newline. */
export function formatOpenApi(document: Json): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
