import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

/**
 * Calls `onChange` after `path` changed, once per burst of events (editors write a file in several
 * steps, or replace it by renaming a temporary file, which is why the directory is watched rather
 * than the file). Returns a function that stops watching.
 */
export function watchFile(path: string, onChange: () => void, settleMs = 150): () => void {
  const name = basename(path);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watcher: FSWatcher = watch(dirname(path), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
