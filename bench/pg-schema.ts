import pg from 'pg';

/**
 * The schema named by BENCH_DATABASE_URL's ?schema=; only bench_* schemas on 127.0.0.1, since
 * the bench drops and recreates it.
 */
export function pgSchemaOf(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error('BENCH_DATABASE_URL must be a postgres:// URL');
  if (parsed.hostname !== '127.0.0.1') throw new Error(`BENCH_DATABASE_URL must point at 127.0.0.1, not ${parsed.hostname}`);
  const schema = parsed.searchParams.get('schema') ?? '';
  if (!/^bench_[a-z0-9_]+$/.test(schema)) throw new Error('BENCH_DATABASE_URL needs ?schema=bench_<name> (lower case); the bench drops and recreates it');
  return schema;
}

async function withClient(url: string, fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema (any leftover from an interrupted run is dropped first). */
export function createPgSchema(url: string, schema: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.query(`create schema "${schema}"`);
  });
}

export function dropPgSchema(url: string, schema: string): Promise<void> {
  return withClient(url, async (client) => {
    await client.query(`drop schema if exists "${schema}" cascade`);
  });
}
