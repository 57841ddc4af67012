import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { type KeysFile, type KeysFileInput, keysFileSchema } from '@npskit/core/schema';

/** Reads a keys file (an empty one when it does not exist yet). @throws Error when it is invalid. */
export function readKeysFile(path: string): KeysFile {
  if (!existsSync(path)) return { readKeys: [] };
  const parsed = keysFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`keys file ${path} is not valid`);
  return parsed.data;
}

/**
 * Writes a keys file atomically (a temporary file renamed over it, mode 0600), so a collector reading
 * it at the same moment sees the old or the new file, never half of one.
 */
export function writeKeysFile(path: string, file: KeysFileInput): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
