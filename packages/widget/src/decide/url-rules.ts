/** Include/exclude patterns on the page path; `*` matches any run of characters (also `/`). */
export interface UrlRules {
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/** True when `path` matches the glob `pattern` as a whole, e.g. `/account*` matches `/account/orders`. */
export function globMatch(pattern: string, path: string): boolean {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${source}$`).test(path);
}

/** True when the path is included (no include list means everywhere) and not excluded. */
export function matchesUrl(rules: UrlRules | undefined, path: string): boolean {
  const { include, exclude } = rules ?? {};
  if (include?.length && !include.some((pattern) => globMatch(pattern, path))) return false;
  return !exclude?.some((pattern) => globMatch(pattern, path));
}
