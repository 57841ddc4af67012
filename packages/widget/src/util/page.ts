/**
 * The page a response was given on, as origin + path only: queries and fragments often carry tokens,
 * e-mail addresses or order secrets, and they never leave the browser.
 */
export function pageUrl(href: string): string | undefined {
  try {
    const url = new URL(href);
    return url.origin + url.pathname;
  } catch {
    return undefined;
  }
}
