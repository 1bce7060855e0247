import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { nameStatement } from './connect.ts';

/** Stands in for an argument while the query is built once; found again among the compiled values. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query whose SQL never changes, only its values, built and compiled by Kysely once rather than on every
 * call. Building and compiling a query costs 0.1 ms for a simple select and more for a joined one: about a
 * fifth of a case page's CPU in the profile (docs/performance.md), for SQL that is the same every time.
 *
 * `build` receives placeholders for its arguments and must use each only as a value (compared, inserted,
 * passed to a function), never to choose the query's shape; every argument must appear among the query's
 * values, which is checked when it is first compiled. Values written into the query by `build` itself
 * (constants) are kept as they are. On a server the SQL is sent as a named statement, so it is also
 * planned once per connection rather than on every call (connect.ts).
 */
export function prepared<DB, Args extends unknown[], Row>(build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>) {
  const arity = build.length - 1; // the declared arguments after db
  let compiled: { query: CompiledQuery<Row>; slots: number[] } | undefined;
  const compile = (db: Kysely<DB>) => {
    const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
    const query = build(db, ...(placeholders as unknown as Args)).compile();
    const slots = query.parameters.map((value) => (value instanceof Placeholder ? value.index : -1));
    const missing = placeholders.filter((placeholder) => !slots.includes(placeholder.index));
    if (missing.length) throw new Error(`A prepared query does not use argument ${missing[0]!.index} as a value`);
    nameStatement(query.sql);
    return { query, slots };
  };
  return async (db: Kysely<DB>, ...args: Args): Promise<Row[]> => {
    compiled ??= compile(db);
    const { query, slots } = compiled;
    const parameters = query.parameters.map((value, i) => (slots[i]! >= 0 ? args[slots[i]!] : value));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
