import { CSV_BOM, csvHeader } from '../../analyst/csv.js';
import { exportLines } from '../../analyst/export-lines.js';
import type { StreamPiece } from '../../analyst/text-stream.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromOptions } from '../filter-options.js';
import { type CliIo, write } from '../io.js';
import { openExistingStore } from '../open-existing-store.js';
import { parseOptions } from '../parse-options.js';
import { terminalSafe } from '../terminal-safe.js';
import { UsageError } from '../usage-error.js';

/** Help for `export`. */
export const EXPORT_HELP = `Usage: npskit-collector export --db <file|url> [--format csv|ndjson] [filters]

Streams every matching response to stdout (one row per response), straight from the database.

Options:
  --db <file|url>        SQLite file or postgres:// URL (env NPSKIT_DATABASE_URL, NPSKIT_DB)
  --format <csv|ndjson>  default csv (UTF-8 with BOM, CRLF, RFC 4180 — opens in Excel/LibreOffice)
  --delimiter <d>        comma (default) or semicolon (for spreadsheets in decimal-comma locales)
  --tz <zone>            IANA time zone for YYYY-MM-DD bounds (default UTC)
  -h, --help             show this help

${FILTER_HELP}
`;

/** `export`: CSV or NDJSON to stdout with the API's filters. */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    ...FILTER_OPTIONS,
    db: { type: 'string' },
    format: { type: 'string', default: 'csv' },
    delimiter: { type: 'string', default: 'comma' },
    tz: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    await write(io.stdout, EXPORT_HELP);
    return 0;
  }
  const format = values.format;
  if (format !== 'csv' && format !== 'ndjson')
    throw new UsageError('--format must be csv or ndjson');
  if (values.delimiter !== 'comma' && values.delimiter !== 'semicolon') {
    throw new UsageError('--delimiter must be comma or semicolon');
  }
  const delimiter = values.delimiter === 'semicolon' ? ';' : ',';
  const filter = filterFromOptions(values);
  const store = await openExistingStore(values.db, io.env);
  try {
    const customKeys = format === 'csv' ? await store.customContextKeys() : [];
    if (format === 'csv') await write(io.stdout, CSV_BOM + csvHeader(customKeys, delimiter));
    // A file or a pipe gets the bytes as stored; a terminal gets control characters escaped.
    const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
    const utf8 = new TextDecoder();
    const out = (piece: StreamPiece) => {
      if (!tty) return write(io.stdout, piece);
      // Whole lines each, so no character is split between two pieces.
      return write(io.stdout, terminalSafe(typeof piece === 'string' ? piece : utf8.decode(piece)));
    };
    // One write in flight while the next batch is read: the stream writes while this reads.
    let writing: Promise<void> = Promise.resolve();
    const send = async (piece: StreamPiece) => {
      await writing;
      writing = out(piece);
      // Handled when awaited; this only keeps a failed write during a failed read from also
      // counting as an unhandled rejection.
      writing.catch(() => undefined);
    };
    let chunk = '';
    for await (const piece of exportLines(store, filter, {}, format, customKeys, delimiter)) {
      if (typeof piece !== 'string') {
        // A batch of CSV rows, already UTF-8: out as it is, after any text before it.
        if (chunk) await send(chunk);
        chunk = '';
        await send(piece);
        continue;
      }
      chunk += piece;
      if (chunk.length >= 65_536) {
        await send(chunk);
        chunk = '';
      }
    }
    if (chunk) await send(chunk);
    await writing;
    return 0;
  } finally {
    await store.close();
  }
}
