/** One problem in the config file. */
export interface ConfigProblem {
  /** Dotted path into the file, e.g. `sites.0.origins.1`; `(file)` for the file itself. */
  path: string;
  message: string;
}

/**
 * Thrown by `loadConfig`: the message lists every problem as `path: message`, one per line, so a
 * broken config is fixed in one pass instead of one error at a time.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(file: string, problems: readonly ConfigProblem[]) {
    super(
      `invalid collector config ${file}:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
