/** A parsed CSV file: the header names and the rows, each a list of cells in header order. */
export interface CsvTable {
  header: string[];
  rows: string[][];
  delimiter: ',' | ';';
}

/**
 * Parses RFC 4180 CSV as spreadsheets and CRMs write it: a leading UTF-8 BOM, `,` or `;` as the
 * delimiter (taken from the header line when not given: Swedish Excel writes `;`), quoted fields
 * with doubled quotes, CRLF or LF line ends, blank lines skipped. Strict where a broken file would
 * otherwise shift columns: an unterminated quote or a row with another number of cells throws an
 * error naming the line.
 */
export function readCsv(text: string, delimiter?: ',' | ';'): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  const chosen =
    delimiter ?? (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',');
  const records = splitRecords(body, chosen);
  const [header, ...rows] = records;
  if (!header) return { header: [], rows: [], delimiter: chosen };
  for (const row of rows) {
    if (row.cells.length !== header.cells.length) {
      throw new Error(
        `CSV line ${row.line}: ${row.cells.length} cells, the header has ${header.cells.length}`,
      );
    }
  }
  return { header: header.cells, rows: rows.map((row) => row.cells), delimiter: chosen };
}

function splitRecords(text: string, delimiter: string): Array<{ line: number; cells: string[] }> {
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    cells.push(cell);
    // A blank line is no record (spreadsheets leave one at the end).
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"' && cell === '') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      end();
      line += 1;
      start = line;
    } else cell += char;
  }
  if (quoted) throw new Error(`CSV line ${start}: a quoted cell never ends`);
  if (cell !== '' || cells.length > 0) end();
  return records;
}
