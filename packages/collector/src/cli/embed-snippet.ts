import { type WidgetBuild, widgetPath } from '../widget/widget-build.js';

/** What the embed snippet is made of. */
export interface SnippetOptions {
  /** The site's public write key (`pk_…`). */
  site: string;
  /** The collector's public base URL, as pages reach it (no trailing slash). */
  collector: string;
  widget: WidgetBuild;
}

/** `"` and `&` escaped, for an HTML attribute value. */
const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;');

/**
 * The exact tags a page pastes to embed npskit served by this collector: the command queue, the
 * signed form of `identify`/`track` as a comment (the unsigned form works too), and the loader at
 * its versioned path with its `integrity` hash (`crossorigin` makes the browser check it across
 * origins; the loader itself checks the UI chunk it imports).
 */
export function embedSnippet({ site, collector, widget }: SnippetOptions): string {
  const src = `${collector}${widgetPath(widget.version)}npskit.js`;
  return `<script>
  window.npskit = window.npskit?.push ? window.npskit : [];
  // Who the customer is and what they bought. Signed by your server (see the collector README,
  // "Trust model"), the answer counts as verified; without \`signed\` it still works, unverified:
  // npskit.push(['identify', 'customer-42', { signed: '<customer token from your server>' }]);
  // npskit.push(['track', 'purchase', { orderId: 'A-1001', orderValue: 349, currency: 'SEK',
  //   signed: '<order token from your server>' }]);
</script>
<script async src="${attribute(src)}"
  integrity="${widget.files['npskit.js'].integrity}" crossorigin="anonymous"
  data-site="${attribute(site)}" data-collector="${attribute(collector)}"></script>
`;
}
