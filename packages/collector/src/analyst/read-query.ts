import { toValidationIssues, type ValidationIssue } from '@npskit/core/schema';
import type { z } from 'zod';

/**
 * Reads URL query parameters against a strict schema of string fields: an unknown parameter is an
 * issue naming it (a typo in `?unti=malmo` must not silently return every unit), a repeated one too,
 * and every value is checked by the schema. Messages describe the expectation, never the value.
 */
export function readQuery<S extends z.ZodObject>(
  params: URLSearchParams,
  schema: S,
): { values: Partial<z.output<S>>; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const known = new Set(Object.keys(schema.shape));
  const raw: Record<string, string> = {};
  for (const key of new Set(params.keys())) {
    if (!known.has(key)) {
      issues.push({ path: key, code: 'unrecognized_keys', message: 'unknown query parameter' });
      continue;
    }
    const all = params.getAll(key);
    if (all.length > 1) {
      issues.push({ path: key, code: 'invalid_value', message: 'give this parameter once' });
      continue;
    }
    raw[key] = all[0] ?? '';
  }
  const result = schema.safeParse(raw);
  if (result.success) return { values: result.data as Partial<z.output<S>>, issues };
  issues.push(...toValidationIssues(result.error));
  const valid: Record<string, unknown> = {};
  const failed = new Set(result.error.issues.map((issue) => String(issue.path[0] ?? '')));
  for (const [key, value] of Object.entries(raw)) if (!failed.has(key)) valid[key] = value;
  return { values: valid as Partial<z.output<S>>, issues };
}
