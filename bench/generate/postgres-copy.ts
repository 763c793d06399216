import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type Batch, type BulkTable, COLUMNS, type Value } from './batch.js';

/** COPY text format: tab-separated, \N for NULL, backslash escapes. */
function copyField(v: Value): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function* lines(values: Value[], width: number): Generator<string> {
  const chunk: string[] = [];
  for (let i = 0; i < values.length; i += width) {
    const row: string[] = [];
    for (let j = 0; j < width; j++) row.push(copyField(values[i + j]!));
    chunk.push(`${row.join('\t')}\n`);
    if (chunk.length === 500) yield chunk.splice(0).join('');
  }
  if (chunk.length) yield chunk.join('');
}

/** One connection per worker; each batch is one COPY per table (PostgreSQL takes them in parallel). */
export async function openCopier(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const copyTable = async (table: BulkTable, values: Value[]) => {
    if (!values.length) return;
    const cols = COLUMNS[table];
    const sink = client.query(copyFrom(`COPY ${table} (${cols.join(', ')}) FROM STDIN`));
    await pipeline(Readable.from(lines(values, cols.length)), sink);
  };
  return {
    async write(b: Batch) {
      for (const table of Object.keys(COLUMNS) as BulkTable[]) await copyTable(table, b[table]);
    },
    close: () => client.end(),
  };
}
