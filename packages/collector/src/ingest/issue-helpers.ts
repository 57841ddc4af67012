import type { ValidationIssue } from '@npskit/core/schema';

/** Puts issues of a nested field under its path: `score` under `events.3` → `events.3.score`. */
export function prefixIssues(prefix: string, issues: ValidationIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({
    ...issue,
    path: issue.path ? `${prefix}.${issue.path}` : prefix,
  }));
}

/** One `unrecognized_keys` issue per key of `record` outside `allowed` (strict objects, by hand). */
export function unknownKeyIssues(
  record: Record<string, unknown>,
  allowed: ReadonlySet<string>,
): ValidationIssue[] {
  return Object.keys(record)
    .filter((key) => !allowed.has(key))
    .map((key) => ({ path: '', code: 'unrecognized_keys', message: `unrecognized key "${key}"` }));
}
