/**
 * One query on a PostgreSQL database, on a connection of its own, closed afterwards: what the tests
 * and the bench need to create, copy and drop databases, or to read a server's state, outside the
 * application's pool.
 */
import pg from "pg";

export async function queryOnce<Row>(
  url: string,
  sql: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}
