// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp directory, start it on
// a free port with its socket in that directory, stop and remove it at the end. Plain JS (with a
// .d.mts) so both Vitest and the benchmark scripts (which run on dist) can use it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `postgresql` package puts the server binaries, newest major version first. */
function debianBinDirs() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((name) => join(root, name, 'bin'));
}

/**
 * The directory holding `initdb` and `pg_ctl`: `NPSKIT_PG_BIN`, else Debian's layout, else
 * `pg_config --bindir` on PATH. Null when there is none.
 */
export function findPostgresBin(env = process.env) {
  const candidates = [env.NPSKIT_PG_BIN, ...debianBinDirs()].filter(Boolean);
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromPgConfig.status === 0) candidates.push(fromPgConfig.stdout.trim());
  return (
    candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ??
    null
  );
}

/** A free TCP port on 127.0.0.1 (the kernel picks it; the cluster binds it right after). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster. PostgreSQL refuses to run as root, so as root every server command runs as the
 * `postgres` system user (created by Debian's package) over a directory it owns; otherwise as the
 * current user.
 *
 * `durable: false` (tests) turns fsync off: what the tests check — ack only after COMMIT, rollback on
 * a lost connection — does not depend on the server's own fsync, and the shared 2-core machine is
 * spared thousands of fsyncs. Benchmarks keep the defaults (`fsync=on`, `synchronous_commit=on`).
 */
export async function startCluster({ durable = true, settings = {}, log = false } = {}) {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error(
      'no PostgreSQL server binaries (initdb, pg_ctl): install the postgresql package (apt-get install postgresql) or set NPSKIT_PG_BIN',
    );
  }
  const root = userInfo().uid === 0;
  const dir = mkdtempSync(join(tmpdir(), 'npskit-pg-'));
  const data = join(dir, 'data');
  const run = (command, args) => {
    const file = join(bin, command);
    const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (root) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const user = root ? 'postgres' : userInfo().username;
  try {
    run('initdb', ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const conf = {
      listen_addresses: "'127.0.0.1'",
      port: String(port),
      unix_socket_directories: `'${dir}'`,
      max_connections: '200',
      shared_buffers: "'256MB'",
      ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
      ...settings,
    };
    writeFileSync(
      join(data, 'postgresql.auto.conf'),
      Object.entries(conf)
        .map(([key, value]) => `${key} = ${value}\n`)
        .join(''),
    );
    if (root) {
      const { uid, gid } = postgresUser();
      chownSync(join(data, 'postgresql.auto.conf'), uid, gid);
    }
    run('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  } catch (error) {
    const detail = error.stderr ? `\n${error.stderr}` : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start a PostgreSQL cluster: ${error.message}${detail}`);
  }
  if (log) console.log(`postgres cluster on 127.0.0.1:${port} (${data})`);
  let stopped = false;
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    port,
    dir,
    bin,
    /** Stops the server (fast shutdown) and removes its directory. Safe to call twice. */
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function postgresUser() {
  const line = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
  const group = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
  return { uid: Number(line), gid: Number(group) };
}
