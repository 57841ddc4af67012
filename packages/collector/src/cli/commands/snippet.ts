import { loadConfig } from '../../config/load-config.js';
import { loadWidgetBuild, type WidgetBuild } from '../../widget/widget-build.js';
import { embedSnippet } from '../embed-snippet.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `snippet`. */
export const SNIPPET_HELP = `Usage: npskit-collector snippet --site <pk_key> [--url <collector URL>] [--config <file>]

Prints the exact HTML to paste into a page: the command queue and the script tag that loads the
widget from this collector (/widget/<version>/npskit.js) with its integrity hash.

Options:
  --site <key>      the site's public write key, pk_… (required)
  --url <url>       the collector's public URL as pages reach it (env NPSKIT_PUBLIC_URL;
                    default http://127.0.0.1:8787)
  --config <file>   check that the site is in this config (env NPSKIT_CONFIG), and list its origins
  -h, --help        show this help
`;

/**
 * `snippet`: the embed snippet on stdout (nothing else there, so it can be piped into a file);
 * on stderr, when a config is given, the origins the page must be served from.
 */
export async function snippetCommand(
  args: string[],
  io: CliIo,
  findWidget: () => WidgetBuild | undefined = loadWidgetBuild,
): Promise<number> {
  const values = parseOptions(args, {
    site: { type: 'string' },
    url: { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, SNIPPET_HELP);
    return 0;
  }
  const site = values.site;
  if (!site) throw new UsageError('--site <pk_key> is required');
  if (/^[rs]k_/.test(site)) {
    throw new UsageError(
      '--site must be the public pk_ key: rk_/sk_ keys are secrets, never in a page',
    );
  }
  if (!/^pk_[A-Za-z0-9_-]{8,64}$/.test(site)) throw new UsageError('--site must be a pk_… key');
  const url = values.url ?? io.env.NPSKIT_PUBLIC_URL ?? 'http://127.0.0.1:8787';
  if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(url)) {
    throw new UsageError('--url must be an http(s) URL such as https://nps.example.com');
  }
  const configPath = values.config ?? io.env.NPSKIT_CONFIG;
  if (configPath) {
    const entry = loadConfig(configPath, io.env).sites.find((candidate) => candidate.key === site);
    if (!entry) throw new UsageError(`--site ${site} is not a site in ${configPath}`);
    await write(io.stderr, `pages must be served from one of: ${entry.origins.join(', ')}\n`);
  }
  const widget = findWidget();
  if (!widget) {
    await write(
      io.stderr,
      'npskit-collector: no widget build next to the collector (@npskit/widget with dist/); run `npm run build -w @npskit/widget` in a checkout\n',
    );
    return 1;
  }
  await write(io.stdout, embedSnippet({ site, collector: url.replace(/\/+$/, ''), widget }));
  return 0;
}
