/** Include/exclude patterns on the page path; `*` matches any run of characters (also `/`). */
export interface UrlRules {
  include?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
}

/**
 * True when `path` matches the glob `pattern` as a whole, e.g. `/account*` matches `/account/orders`.
 * Linear in the path: the text between stars must appear in order, so each piece is searched once,
 * from where the last one ended. (The regular expression this replaced backtracked: three stars
 * against a 4 000-character path of slashes took seconds, on every page view and navigation.)
 */
export function globMatch(pattern: string, path: string): boolean {
  const pieces = pattern.split('*');
  const tail = pieces.pop() as string;
  if (!pieces.length) return path === tail;
  // What the pieces before the last star may use: the path without the text the pattern ends with.
  const body = path.slice(0, path.length - tail.length);
  let at = 0;
  return (
    path.length >= tail.length &&
    path.endsWith(tail) &&
    pieces.every((piece, index) => {
      const found = body.indexOf(piece, at);
      at = found + piece.length;
      // The first piece is anchored at the start; the others may come anywhere after the last.
      return index ? found >= 0 : found === 0;
    })
  );
}

/** True when the path is included (no include list means everywhere) and not excluded. */
export function matchesUrl(rules: UrlRules | undefined, path: string): boolean {
  const { include, exclude } = rules ?? {};
  if (include?.length && !include.some((pattern) => globMatch(pattern, path))) return false;
  return !exclude?.some((pattern) => globMatch(pattern, path));
}
