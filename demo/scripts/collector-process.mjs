import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const LISTENING = /listening on (https?:\/\/\S+)/;

/**
 * Starts `node <cli> serve …` and resolves once it prints its one "listening on <url>" line.
 * Rejects with the collector's stderr when it exits first (bad config, port taken) or does not
 * come up within `timeoutMs`.
 *
 * @param {import('./collector-process.d.mts').StartCollectorOptions} options
 * @returns {Promise<import('./collector-process.d.mts').CollectorProcess>}
 * @example
 * const collector = await startCollector({ cli, config: 'demo/collector.config.json', db: 'data/npskit.db', port: 0 });
 * console.log(collector.url); await collector.stop();
 */
export function startCollector({
  cli,
  config,
  db,
  port,
  host = '127.0.0.1',
  cwd,
  env = {},
  stderr = 'pipe',
  timeoutMs = 15_000,
}) {
  const args = [
    cli,
    'serve',
    '--config',
    config,
    '--db',
    db,
    '--port',
    String(port),
    '--host',
    host,
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
  let errorOutput = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk) => {
    errorOutput = (errorOutput + chunk).slice(-8000);
  });
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`collector did not start within ${timeoutMs} ms\n${errorOutput}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = LISTENING.exec(line);
      if (!match?.[1]) return;
      clearTimeout(timer);
      const url = match[1].replace(/\/$/, '');
      resolve({
        url,
        child,
        exited,
        stderr: () => errorOutput,
        stop: (timeout = 5000) => stopChild(child, exited, timeout),
      });
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`collector exited (${signal ?? code}) before listening\n${errorOutput}`));
    });
  });
}

/** SIGTERM, wait for a graceful exit, SIGKILL only if it hangs past `timeout`. */
async function stopChild(child, exited, timeout) {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer;
  const hung = new Promise((resolve) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(undefined);
    }, timeout);
  });
  await Promise.race([exited, hung]);
  clearTimeout(timer);
  return exited;
}
