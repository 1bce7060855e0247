import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { nameStatement } from './connect.ts';

/** Stands in for an argument while the query is built once; found again among the compiled values. */
class Placeholder {
  constructor(readonly index: number) {}
}

/** A constant written as SQL, where that is exact and safe; undefined leaves it a parameter. */
function literal(value: unknown): string | undefined {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value < 0 ? `(${value})` : String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`; // standard_conforming_strings is on
  return undefined;
}

// Quoted text is skipped so that only real parameters ($n) are rewritten.
const PARAMETER_OR_QUOTED = /'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g;

/**
 * Writes the query's constants into its SQL and numbers what is left ($1.. for the arguments). A server
 * plans a named statement for its parameters once it finds a generic plan as good as a custom one; a
 * constant sent as a parameter (`superseded = $2` for `false`) hides it from that plan, which then cannot
 * use a partial index made for the constant, so the server went on planning the statement on every call.
 */
function inlineConstants<Row>(query: CompiledQuery<Row>): { query: CompiledQuery<Row>; slots: number[] } {
  const slots: number[] = [];
  const sql = query.sql.replace(PARAMETER_OR_QUOTED, (match, number: string | undefined) => {
    if (number === undefined) return match;
    const value = query.parameters[Number(number) - 1];
    if (value instanceof Placeholder) {
      slots.push(value.index);
      return `$${slots.length}`;
    }
    return literal(value) ?? (slots.push(-(Number(number))), `$${slots.length}`);
  });
  // A slot of -n keeps the query's own n-th value (a constant that cannot be written as SQL).
  const parameters = slots.map((slot) => (slot < 0 ? query.parameters[-slot - 1] : undefined));
  return { query: { ...query, sql, parameters }, slots };
}

/**
 * A query whose SQL never changes, only its values, built and compiled by Kysely once rather than on every
 * call. Building and compiling a query costs 0.1 ms for a simple select and more for a joined one: about a
 * fifth of a case page's CPU in the profile (docs/performance.md), for SQL that is the same every time.
 *
 * `build` receives placeholders for its arguments and must use each only as a value (compared, inserted,
 * passed to a function), never to choose the query's shape; every argument must appear among the query's
 * values, which is checked when it is first compiled. Values written into the query by `build` itself
 * (constants) become part of the SQL. On a server the SQL is sent as a named statement, so it is also
 * planned once per connection rather than on every call (connect.ts).
 */
export function prepared<DB, Args extends unknown[], Row>(build: (db: Kysely<DB>, ...args: Args) => Compilable<Row>, arity = build.length - 1) {
  // arity: the declared arguments after db, unless given (a build taking ...rest declares none).
  let compiled: { query: CompiledQuery<Row>; slots: number[] } | undefined;
  const compile = (db: Kysely<DB>) => {
    const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
    const { query, slots } = inlineConstants(build(db, ...(placeholders as unknown as Args)).compile());
    const missing = placeholders.filter((placeholder) => !slots.includes(placeholder.index));
    if (missing.length) throw new Error(`A prepared query does not use argument ${missing[0]!.index} as a value`);
    nameStatement(query.sql);
    return { query, slots };
  };
  return async (db: Kysely<DB>, ...args: Args): Promise<Row[]> => {
    compiled ??= compile(db);
    const { query, slots } = compiled;
    const parameters = slots.map((slot, i) => (slot >= 0 ? args[slot] : query.parameters[i]));
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
