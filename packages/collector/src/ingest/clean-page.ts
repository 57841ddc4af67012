/**
 * Keeps only origin + path of a page URL. Query strings and fragments carry tokens, emails and
 * order numbers often enough that we drop them even when the widget already did; credentials in
 * the URL (`user:pass@`) go too, since `origin` excludes them.
 *
 * @example cleanPage('https://shop.example/thanks?email=a@b.c#x') // 'https://shop.example/thanks'
 */
export function cleanPage(page: string): string {
  try {
    const url = new URL(page);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin + url.pathname;
  } catch {
    // Not an absolute URL: fall through and cut at the first `?` or `#`.
  }
  return page.split(/[?#]/, 1)[0] ?? '';
}
