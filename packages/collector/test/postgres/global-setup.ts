import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type Cluster, startCluster } from './cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database for the Postgres tests, or '' when none could be had (local runs only). */
    postgresUrl: string;
  }
}

const ENABLE_HINT = `To run them: install PostgreSQL's server (Debian: apt-get install postgresql — the tests
  start their own throwaway cluster from /usr/lib/postgresql/*/bin), or point
  NPSKIT_TEST_DATABASE_URL at a database the tests may fill with throwaway schemas.`;

/**
 * Once per run: a throwaway PostgreSQL cluster (or `NPSKIT_TEST_DATABASE_URL`) with an empty
 * `npskit_test` database for the Postgres tests, stopped and removed afterwards. Without a server
 * the Postgres tests are skipped loudly — except under CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const external = process.env.NPSKIT_TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return () => {};
  }
  let cluster: Cluster;
  try {
    cluster = await startCluster({ durable: false });
  } catch (error) {
    const reason = (error as Error).message;
    if (process.env.CI) {
      throw new Error(`CI is set, so the Postgres store tests must run, but: ${reason}`);
    }
    console.warn(
      `\n${'!'.repeat(78)}\n! SKIPPING every PostgreSQL test (the Postgres Store contract suite, copy,\n! multi-instance): ${reason}\n! ${ENABLE_HINT.replaceAll('\n', '\n! ')}\n! Under CI=true this is an error.\n${'!'.repeat(78)}\n`,
    );
    project.provide('postgresUrl', '');
    return () => {};
  }
  const admin = new pg.Client(cluster.url);
  await admin.connect();
  await admin.query('CREATE DATABASE npskit_test');
  await admin.end();
  project.provide('postgresUrl', cluster.url.replace(/\/postgres$/, '/npskit_test'));
  return () => cluster.stop();
}
