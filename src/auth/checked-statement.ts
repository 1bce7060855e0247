import type { FastifyRequest } from 'fastify';
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../database.ts';
import { prepared } from '../platform/db/prepared.ts';
import { sessionChecked, sessionToCheck } from './plugin.ts';
import { sessionWho, touchingSession } from './repository.ts';

/** Any query's rows, whatever its tables. */
type AnySelect<Row> = SelectQueryBuilder<any, any, Row>;

/**
 * A page's statement, prepared in two forms: as built, and, when the request's session was taken from this
 * process's memory (plugin.ts), with the session touched and checked in the same statement, so the page is
 * one round trip rather than two. The check is made as the rows arrive, before the caller admits, audits or
 * shows anything; a statement that finds no row leaves it to the end of the request.
 */
export function checkingSession<Args extends unknown[], Row>(build: (db: Db, ...args: Args) => AnySelect<Row>) {
  const arity = build.length - 1;
  const plain = prepared(build);
  const checked = prepared((db: Db, ...values: [...Args, Buffer, number]) => {
    const [idHash, idleMinutes] = values.slice(arity) as [Buffer, number];
    return touchingSession(db, idHash, idleMinutes).selectFrom(build(db, ...(values.slice(0, arity) as Args)).as('page'))
      .selectAll('page').select(sessionWho(idHash, idleMinutes).as('session_who'));
  }, arity + 2);
  return async (db: Db, request: FastifyRequest, ...args: Args): Promise<Row[]> => {
    const check = sessionToCheck(request);
    if (!check) return plain(db, ...args);
    const rows = await checked(db, ...args, check.idHash, check.idleMinutes);
    sessionChecked(request, rows[0]?.session_who);
    // The check's column (the user's permissions and CSRF token) stays here, not in the page's rows.
    return rows.map(({ session_who: _, ...row }) => row as Row);
  };
}
