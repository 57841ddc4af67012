import { createHash, randomBytes } from 'node:crypto';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `keys`. */
export const KEYS_HELP = `Usage: npskit-collector keys create --type write|read|secret

Creates a new random key.
  write   a public site key (pk_…): put it in sites[].key and in the page's data-site attribute
  read    a secret analyst key (rk_…): give it to the analyst; put its sha256 in readKeys[].sha256
          (the config never holds the secret itself)
  secret  a site secret (sk_…) that signs tokens: give it to the shop's server and to the collector
          in NPSKIT_SITE_SECRETS; put its sha256 in sites[].secretSha256. Never in a page.

Options:
  --type <write|read|secret>   which kind of key (required)
  -h, --help            show this help
`;

/**
 * `keys create`: prints `key: …` and, for read keys, `sha256: …` (the hash the config stores).
 * 24 random bytes for write keys (public anyway), 32 for read keys (secrets).
 */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    await write(sub === undefined ? io.stderr : io.stdout, KEYS_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'create') throw new UsageError(`unknown keys command "${sub}" (expected: create)`);
  const values = parseOptions(rest, {
    type: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, KEYS_HELP);
    return 0;
  }
  if (values.type === 'write') {
    await write(io.stdout, `key: pk_${randomBytes(24).toString('base64url')}\n`);
    return 0;
  }
  if (values.type === 'read' || values.type === 'secret') {
    const key = `${values.type === 'read' ? 'rk' : 'sk'}_${randomBytes(32).toString('base64url')}`;
    const sha256 = createHash('sha256').update(key).digest('hex');
    await write(io.stdout, `key: ${key}\nsha256: ${sha256}\n`);
    return 0;
  }
  throw new UsageError('--type must be write, read or secret');
}
