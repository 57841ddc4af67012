/**
 * The Content-Security-Policy of the hosted pages: everything from the collector itself and nothing
 * else — scripts only as files (no inline script, no eval), styles as the page's file, CSSOM (the
 * widget's constructable stylesheets) and one `<style>` carrying this response's nonce; no images,
 * no frames, forms and fetches only to this origin, and the page can't be framed.
 */
export function hostedCsp(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers of every hosted page. `Referrer-Policy: no-referrer`: the URL holds the link token, and
 * no request may carry it to anyone (there is no third party to send it to, but a link a person
 * follows from the page must not either). `no-store`: the page shows a respondent's answer. No
 * cookie is ever set.
 */
export function pageHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': hostedCsp(nonce),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
