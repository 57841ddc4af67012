#!/usr/bin/env node
/*
 * `npm start`: builds the demo shop, seeds the collector's database with a realistic demo history
 * (once; `seed-demo` skips a database that has it), starts the npskit collector (SQLite under data/,
 * the dashboard at /dashboard/) and serves the shop with the built widget mounted at /npskit/.
 * Ctrl-C stops them.
 *
 * Also a local webhook receiver standing in for Slack: the collector's alerts (new detractors, overdue
 * cases, digests) arrive there in Slack's Block Kit format and are printed, one line each.
 *
 * Env: NPSKIT_COLLECTOR_PORT (default 8787), NPSKIT_SHOP_PORT (default 5173), NPSKIT_RECEIVER_PORT
 * (default 8788), NPSKIT_HOST (default 127.0.0.1), NPSKIT_DB (default data/npskit.db).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from './collector-process.mjs';
import { DEMO_SITE_KEY, DEMO_SITE_SECRET } from './demo-secret.mjs';
import { createShopApi } from './shop-api.mjs';
import { createStaticServer, listen } from './static-server.mjs';
import { createWebhookReceiver } from './webhook-receiver.mjs';

const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(demoDir, '..');
const collectorCli = join(repoRoot, 'packages/collector/dist/cli/main.js');
const widgetDist = join(repoRoot, 'packages/widget/dist');
const dataDir = join(repoRoot, 'data');
const demoConfig = join(demoDir, 'collector.config.json');

const host = process.env.NPSKIT_HOST || '127.0.0.1';
const collectorPort = port(process.env.NPSKIT_COLLECTOR_PORT, 8787);
const shopPort = port(process.env.NPSKIT_SHOP_PORT, 5173);
const receiverPort = port(process.env.NPSKIT_RECEIVER_PORT, 8788);
const dbPath = resolve(repoRoot, process.env.NPSKIT_DB || 'data/npskit.db');
const READ_KEY = 'rk_demo_analyst_0001';
const STORE_KEY = 'rk_demo_store_manager_0001';

function port(value, fallback) {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535) {
    fail(`not a port number: ${value}`);
  }
  return number;
}

function fail(message) {
  console.error(`npskit demo: ${message}`);
  process.exit(1);
}

/**
 * The demo config allows the default shop origins and posts alerts to the receiver's default port.
 * When the shop or the receiver runs elsewhere, the collector must allow that origin and post there
 * instead, so write a copy with them under data/.
 */
async function collectorConfigFor(shopOrigins, receiverUrl) {
  const config = JSON.parse(await readFile(demoConfig, 'utf8'));
  const allowed = new Set(config.sites.flatMap((site) => site.origins));
  const hookUrl = `${receiverUrl}/slack`;
  const hooksMatch = config.webhooks.every((hook) => hook.url === hookUrl);
  if (hooksMatch && shopOrigins.every((origin) => allowed.has(origin))) return demoConfig;
  for (const hook of config.webhooks) hook.url = hookUrl;
  for (const site of config.sites) site.origins = [...new Set([...shopOrigins, ...site.origins])];
  config.$schema = '../packages/core/schema/collector-config.schema.json';
  const derived = join(dataDir, 'demo-collector.config.json');
  await writeFile(derived, `${JSON.stringify(config, null, 2)}\n`);
  return derived;
}

async function buildShop() {
  // Imported here, not at the top: serving never needs Vite, only this build step does.
  const { build } = await import('vite');
  await build({
    configFile: join(demoDir, 'vite.config.ts'),
    logLevel: 'warn',
  });
}

async function main() {
  for (const [file, hint] of [
    [collectorCli, 'npm run build -w @npskit/collector'],
    [join(widgetDist, 'npskit.js'), 'npm run build -w @npskit/widget'],
    [join(repoRoot, 'packages/dashboard/dist/index.html'), 'npm run build -w @npskit/dashboard'],
  ]) {
    if (!existsSync(file))
      fail(`${relative(repoRoot, file)} is missing; run \`${hint}\` (or the root \`npm start\`).`);
  }
  await mkdir(dataDir, { recursive: true });
  await buildShop();

  const shopOrigins =
    host === '127.0.0.1'
      ? [`http://127.0.0.1:${shopPort}`, `http://localhost:${shopPort}`]
      : [`http://${host}:${shopPort}`];
  const receiver = await listen(
    createWebhookReceiver({ log: (line) => console.log(`  ${line}`) }),
    receiverPort,
    host,
  ).catch((error) =>
    fail(`cannot start the webhook receiver on ${host}:${receiverPort}: ${error.message}`),
  );
  const config = await collectorConfigFor(shopOrigins, receiver.url);
  // History first, so the dashboard's first look means something; a second start keeps it.
  // With the site secret the seeded orders are signed like the shop signs them (verified).
  execFileSync(process.execPath, [collectorCli, 'seed-demo', '--config', config, '--db', dbPath], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
  });
  const collector = await startCollector({
    cli: collectorCli,
    config,
    db: dbPath,
    port: collectorPort,
    host,
    cwd: repoRoot,
    // The collector verifies what the shop's server signs; the config holds only the hash.
    env: { NPSKIT_SITE_SECRETS: DEMO_SITE_SECRET },
    stderr: 'inherit',
  }).catch((error) => fail(error.message));
  const shopApi = createShopApi({ siteKey: DEMO_SITE_KEY, secret: DEMO_SITE_SECRET });

  const server = createStaticServer({
    root: join(demoDir, 'dist'),
    mounts: { '/npskit/': widgetDist },
    api: shopApi.handle,
    htmlTransform: (html, _path, req, res) =>
      shopApi.render(html.replaceAll('%NPSKIT_COLLECTOR_URL%', collector.url), req, res),
  });
  const shop = await listen(server, shopPort, host).catch(async (error) => {
    await collector.stop();
    fail(`cannot serve the shop on ${host}:${shopPort}: ${error.message}`);
  });

  console.log(`
  Nordic Coffee demo shop   ${shop.url}
  npskit collector          ${collector.url}   (SQLite: ${relative(repoRoot, dbPath)})
  webhook receiver          ${receiver.url}/received   (stands in for Slack)

  npskit dashboard          ${collector.url}/dashboard/
     log in with ${READ_KEY}   (admin: every store)
              or ${STORE_KEY}   (store manager: Malmö Davidshall only)

  1. Open ${shop.url}, add a coffee to the cart and check out: the checkout survey shows on
     the confirmation page. ${shop.url}/account shows the relationship survey, but the
     quarantine shows one survey per customer and browser per 14 days: open a new private
     window (a new customer) to be asked again.
  2. Answer it, then look at ${collector.url}/dashboard/ : your answer appears within seconds
     (90 days of demo history are already there; Göteborg Haga's drop is the story to find).
  3. Export every response as CSV:

     curl -H 'Authorization: Bearer ${READ_KEY}' '${collector.url}/v1/responses?format=csv'

     NPS per store:
     curl -H 'Authorization: Bearer ${READ_KEY}' '${collector.url}/v1/nps?groupBy=unit'

  4. Answer 0–6 with a signed-in shop customer: a case opens for that store's manager and a
     Slack-format alert arrives at the receiver (printed below). The manager works it in the
     dashboard's inbox, ${collector.url}/dashboard/cases ; the same through the API:

     curl -H 'Authorization: Bearer ${STORE_KEY}' '${collector.url}/v1/cases?status=open'
     curl -H 'Authorization: Bearer ${STORE_KEY}' '${collector.url}/v1/cases/kpis'

  Ctrl-C stops everything.
`);

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the shop and the collector…`);
    await shop.close();
    const { code } = await collector.stop();
    await receiver.close();
    process.exit(code ?? 0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  collector.exited.then(async ({ code, signal }) => {
    if (stopping) return;
    console.error(
      `npskit demo: the collector stopped (${signal ?? `exit ${code}`}); stopping the shop.`,
    );
    await shop.close();
    await receiver.close();
    process.exit(1);
  });
}

main().catch((error) => fail(error.stack ?? String(error)));
