import { createHash, randomBytes } from 'node:crypto';
import { READ_KEY_ROLES, type ReadKeyRole } from '@npskit/core/schema';
import { readKeysFile, writeKeysFile } from '../../app/access/index.js';
import { loadConfig } from '../../config/load-config.js';
import { type CliIo, write } from '../io.js';
import { parseOptions } from '../parse-options.js';
import { UsageError } from '../usage-error.js';

/** Help for `keys`. */
export const KEYS_HELP = `Usage: npskit-collector keys create --type write|read|secret [--file <keys.json> --name <n> …]
       npskit-collector keys list   (--file <keys.json> | --config <file>)
       npskit-collector keys revoke --name <n> (--file <keys.json> | --config <file>)

create   a new random key.
  write   a public site key (pk_…): put it in sites[].key and in the page's data-site attribute
  read    a secret analyst key (rk_…): give it to the analyst. Without --file, put the printed sha256
          in readKeys[].sha256 of the config (the config never holds the secret itself). With
          --file, the key is added to the keys file, which a running collector re-reads: it works
          within a second, no restart.
  secret  a site secret (sk_…) that signs tokens: give it to the shop's server and to the collector
          in NPSKIT_SITE_SECRETS; put its sha256 in sites[].secretSha256. Never in a page.
list     the keys of the keys file: name, role, scope, created, revoked (never a hash)
revoke   marks a key of the keys file revoked: a running collector refuses it within a second and
         ends its sessions

Options:
  --type <write|read|secret>   which kind of key (create)
  --file <keys.json>    the keys file (or the config's keysFile, with --config)
  --config <file>       the collector config, to find its keysFile
  --name <n>            the key's name (recorded in the audit log); required with --file
  --role <r>            viewer (default), caseworker, admin or inviter
  --unit <u>            limit the key to a unit (repeatable); also --site <key>, --survey <id>
  -h, --help            show this help
`;

function keysFilePath(
  values: { file?: string | undefined; config?: string | undefined },
  io: CliIo,
) {
  if (values.file) return values.file;
  if (values.config) {
    const file = loadConfig(values.config, io.env).keysFile;
    if (!file) throw new UsageError('--config: the config has no keysFile');
    return file;
  }
  throw new UsageError('--file <keys.json> or --config <file> is required');
}

/**
 * `keys create | list | revoke`. `create` prints `key: …` and, for read keys, `sha256: …` (what a
 * config stores); with `--file` it also appends the key (name, role, scope, sha256) to the keys file.
 */
export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === undefined) {
    await write(sub === undefined ? io.stderr : io.stdout, KEYS_HELP);
    return sub === undefined ? 2 : 0;
  }
  if (sub !== 'create' && sub !== 'list' && sub !== 'revoke') {
    throw new UsageError(`unknown keys command "${sub}" (expected: create, list, revoke)`);
  }
  const values = parseOptions(rest, {
    type: { type: 'string' },
    file: { type: 'string' },
    config: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    unit: { type: 'string', multiple: true },
    site: { type: 'string', multiple: true },
    survey: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, KEYS_HELP);
    return 0;
  }
  if (sub === 'list') {
    const file = readKeysFile(keysFilePath(values, io));
    const lines = file.readKeys.map((key) => {
      const scope = Object.entries(key.scope ?? {})
        .map(([dimension, list]) => `${dimension}=${(list as string[]).join(',')}`)
        .join(' ');
      return [
        key.name,
        key.role,
        scope || 'all',
        key.createdAt ?? '–',
        key.revokedAt ? `revoked ${key.revokedAt}` : 'active',
      ].join('\t');
    });
    await write(io.stdout, lines.length > 0 ? `${lines.join('\n')}\n` : 'no keys\n');
    return 0;
  }
  if (sub === 'revoke') {
    if (!values.name) throw new UsageError('--name is required');
    const path = keysFilePath(values, io);
    const file = readKeysFile(path);
    const key = file.readKeys.find((entry) => entry.name === values.name);
    if (!key) throw new UsageError('--name: no key with this name in the keys file');
    if (key.revokedAt === undefined) {
      const revokedAt = new Date().toISOString();
      writeKeysFile(path, {
        readKeys: file.readKeys.map((entry) => (entry === key ? { ...entry, revokedAt } : entry)),
      });
    }
    await write(io.stdout, `revoked: ${values.name}\n`);
    return 0;
  }
  if (values.type === 'write') {
    await write(io.stdout, `key: pk_${randomBytes(24).toString('base64url')}\n`);
    return 0;
  }
  if (values.type === 'secret') {
    const key = `sk_${randomBytes(32).toString('base64url')}`;
    const sha256 = createHash('sha256').update(key).digest('hex');
    await write(io.stdout, `key: ${key}\nsha256: ${sha256}\n`);
    return 0;
  }
  if (values.type !== 'read') throw new UsageError('--type must be write, read or secret');
  const role = (values.role ?? 'viewer') as ReadKeyRole;
  if (!(READ_KEY_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(`--role must be one of: ${READ_KEY_ROLES.join(', ')}`);
  }
  const key = `rk_${randomBytes(32).toString('base64url')}`;
  const sha256 = createHash('sha256').update(key).digest('hex');
  if (values.file !== undefined || values.config !== undefined) {
    if (!values.name) throw new UsageError('--name is required with --file');
    const path = keysFilePath(values, io);
    const file = readKeysFile(path);
    if (file.readKeys.some((entry) => entry.name === values.name)) {
      throw new UsageError('--name: a key with this name exists');
    }
    const scope = {
      ...(values.site ? { sites: values.site } : {}),
      ...(values.unit ? { units: values.unit } : {}),
      ...(values.survey ? { surveys: values.survey } : {}),
    };
    writeKeysFile(path, {
      readKeys: [
        ...file.readKeys,
        {
          name: values.name,
          sha256,
          role,
          ...(Object.keys(scope).length > 0 ? { scope } : {}),
          createdAt: new Date().toISOString(),
        },
      ],
    });
  }
  await write(io.stdout, `key: ${key}\nsha256: ${sha256}\n`);
  return 0;
}
