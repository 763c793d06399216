import { once } from 'node:events';
import { finished } from 'node:stream/promises';
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

/**
 * A space-separated search document as tsvector input: each term quoted (quotes doubled,
 * backslashes escaped), no positions. PostgreSQL sorts and deduplicates the lexemes as
 * array_to_tsvector(string_to_array(document, ' ')) does, so the stored value is the same.
 */
export function tsvectorText(document: string): string {
  if (!document) return '';
  let out = '';
  for (const term of document.split(' '))
    out += `${out ? ' ' : ''}'${/['\\]/.test(term) ? term.replace(/['\\]/g, (c) => c + c) : term}'`;
  return out;
}

/** Text is sent to PostgreSQL in chunks of about this many characters. */
const CHUNK_CHARS = 1 << 18;

/**
 * One open COPY per table for the worker's whole range, each on its own connection, so rows
 * leave the worker as soon as they are made (PostgreSQL parses the four tables in parallel).
 */
async function openTableCopy(url: string, table: BulkTable) {
  // The search document goes in as the text form of its tsvector (search_docs.terms).
  const field = (v: Value, column: number) =>
    table === 'search_docs' && column === 3 ? copyField(tsvectorText(v as string)) : copyField(v);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const cols = COLUMNS[table];
  const stream = client.query(copyFrom(`COPY ${table} (${cols.join(', ')}) FROM STDIN`));
  let pending = '';
  const send = async () => {
    if (!stream.write(pending)) await once(stream, 'drain');
    pending = '';
  };
  return {
    async add(values: Value[]) {
      const width = cols.length;
      for (let i = 0; i < values.length; i += width) {
        let line = field(values[i]!, 0);
        for (let j = 1; j < width; j++) line += `\t${field(values[i + j]!, j)}`;
        pending += `${line}\n`;
      }
      if (pending.length >= CHUNK_CHARS) await send();
    },
    async close() {
      if (pending) await send();
      stream.end();
      await finished(stream);
      await client.end();
    },
  };
}

export async function openCopySink(url: string) {
  const tables = Object.keys(COLUMNS) as BulkTable[];
  const copies = await Promise.all(tables.map((t) => openTableCopy(url, t)));
  return {
    /** Queues a batch's rows; returns the problems handed to PostgreSQL. */
    async add(b: Batch): Promise<number> {
      for (const [i, t] of tables.entries()) await copies[i]!.add(b[t]);
      return b.problems_done;
    },
    async close(): Promise<number> {
      await Promise.all(copies.map((c) => c.close()));
      return 0;
    },
  };
}
