/**
 * Styles a shadow root. Constructable stylesheets are CSSOM, which a `style-src 'self'` CSP allows
 * without `unsafe-inline`; where they are missing, a `<style>` carrying the loader script's nonce.
 */
export function adoptStyles(root: ShadowRoot, css: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  } catch {
    // Older engines: no constructor or no adoptedStyleSheets.
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.prepend(style);
}
