import { Hono } from 'hono';
import type { AppDeps } from '../app/deps.js';
import { formatOpenApi, openApiDocument } from '../openapi/document.js';

/** `GET /v1/openapi.json`: the OpenAPI 3.1 document (public: it describes, it reveals nothing). */
export function createOpenApiRoute(deps: AppDeps): Hono {
  const app = new Hono();
  let body: string | undefined;
  app.get('/v1/openapi.json', deps.guard('public'), (c) => {
    body ??= formatOpenApi(openApiDocument());
    return c.body(body, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    });
  });
  return app;
}
