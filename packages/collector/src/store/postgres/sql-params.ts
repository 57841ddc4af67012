/** Positional parameters (`$1`, `$2`, …) collected while a query is written. */
export interface SqlParams {
  /** Adds a value and returns its placeholder. */
  add(value: unknown): string;
  readonly values: unknown[];
}

/** A fresh parameter list. */
export function sqlParams(): SqlParams {
  const values: unknown[] = [];
  return {
    values,
    add(value) {
      values.push(value);
      return `$${values.length}`;
    },
  };
}
