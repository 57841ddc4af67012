// Child process for bench/history.mjs: the collector from a given dist directory (this tree's, or an
// older build for a before/after comparison), rate limits off. Reports its URL over IPC.
import { pathToFileURL } from 'node:url';

const [distDir, dbPath, configJson, secretsJson] = process.argv.slice(2);
const collector = await import(pathToFileURL(`${distDir}/index.js`).href);
const { collectorConfigSchema } = await import('@npskit/core/schema');
const config = collectorConfigSchema.parse(JSON.parse(configJson));
const store = collector.openSqliteStore(dbPath);
const secrets = new Map(Object.entries(JSON.parse(secretsJson)));
const app = collector.createApp({ store, config, rateLimit: false, siteSecrets: secrets });
const server = await collector.startServer({
  app,
  port: 0,
  host: '127.0.0.1',
  onClose: () => store.close(),
});
process.send?.({ url: server.url });
process.on('disconnect', () => process.exit(0));
