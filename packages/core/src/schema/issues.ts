import type { z } from 'zod';

/** One validation problem, safe to send to a client: never contains the submitted value. */
export interface ValidationIssue {
  /** Dotted path to the failing field, e.g. `events.3.score`; empty for the root. */
  path: string;
  /** zod's machine-readable issue code, e.g. `too_big`, `invalid_type`, `unrecognized_keys`. */
  code: string;
  message: string;
}

/**
 * Turns a zod error into a list of issues with paths and codes. zod's own messages describe the
 * expectation ("expected number"), not the input, so they are safe to return; unknown keys are named
 * because the key is part of the schema violation, not user data.
 */
export function toValidationIssues(error: z.core.$ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
}
