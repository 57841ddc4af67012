import { DB_NAME } from '../state/idb-kv.js';
import { report } from '../util/safe.js';
import type { Session } from './session.js';

/** The session across consent changes. */
export interface Lifecycle {
  /** The ready session; undefined before consent and boot, and after consent is withdrawn. */
  live(): Session | undefined;
  /**
   * Runs `run` with the session: now if it is ready, else once it is (in call order, after `ready`).
   * Nothing waits past a withdrawal of consent.
   */
  use(run: (session: Session) => void): void;
  /** Opens the session (once; later calls are no-ops). */
  start(): void;
  /** Consent withdrawn: ends the session and deletes everything stored; `start` may open a new one. */
  stop(): void;
}

/**
 * Creates the lifecycle of the session that `open` boots; `ready` runs first on every new session. A
 * boot still in flight when consent is withdrawn is obsolete: its session is stopped and its storage
 * cleared as soon as it arrives, and nothing runs with it.
 */
export function createLifecycle(
  open: () => Promise<Session>,
  ready: (session: Session) => void,
): Lifecycle {
  let live: Session | undefined;
  /** The boot in flight or done; replaced on withdrawal, so an obsolete boot can tell. */
  let boot: object | undefined;
  /** Whether any session was started on this page (its storage is then cleared by the session). */
  let opened = false;
  /** What asked for the session before it was ready (no consent yet, or still booting). */
  const waiting: Array<(session: Session) => void> = [];
  return {
    live: () => live,
    use(run) {
      if (live) run(live);
      else waiting.push(run);
    },
    start() {
      if (boot) return;
      opened = true;
      const mine = {};
      boot = mine;
      open().then((s) => {
        if (mine !== boot) {
          s.delivery.stop();
          return s.kv.clear();
        }
        live = s;
        ready(s);
        for (const run of waiting.splice(0)) run(s);
      }, report);
    },
    stop() {
      boot = undefined;
      waiting.length = 0;
      if (live) {
        live.delivery.stop();
        void live.kv.clear();
        live = undefined;
      } else if (!opened) {
        // Nothing opened on this page: delete what earlier pages stored without creating anything.
        // (A session opened on this page clears its own storage, also one still booting: deleting
        // the database under its open connection would only block every later open.)
        globalThis.indexedDB?.deleteDatabase(DB_NAME);
      }
    },
  };
}
