import type pg from 'pg';

/**
 * `COPY … FROM STDIN` through node-postgres without the pg-copy-streams package: a minimal
 * Submittable that answers the server's CopyInResponse with CopyData chunks and CopyDone.
 * Works on a PostgreSQL server and on PGlite's node-postgres shim (which forwards the same messages).
 * Returns the number of rows the server reports as copied.
 */
export async function copyFrom(
  client: pg.PoolClient | pg.Client,
  sql: string,
  chunks: Iterable<Buffer>,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    client.query(new CopyFromStdin(sql, chunks, resolve, reject) as never);
  });
}

class CopyFromStdin {
  readonly text: string;
  #chunks: Iterable<Buffer>;
  #rows = 0;
  #resolve: (rows: number) => void;
  #reject: (err: Error) => void;

  constructor(text: string, chunks: Iterable<Buffer>, resolve: (rows: number) => void, reject: (err: Error) => void) {
    this.text = text;
    this.#chunks = chunks;
    this.#resolve = resolve;
    this.#reject = reject;
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (const chunk of this.#chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text: string }): void {
    const m = /^COPY (\d+)/.exec(msg.text);
    if (m) this.#rows = Number(m[1]);
  }

  handleReadyForQuery(): void {
    this.#resolve(this.#rows);
  }

  handleError(err: Error): void {
    this.#reject(err);
  }

  // The protocol may send these for other statements; COPY FROM has nothing to do with them.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

type CopyConnection = {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
};

/** Escapes one value for COPY's text format (tab-separated, \N for NULL). */
export function copyText(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
