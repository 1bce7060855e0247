/** Signing in through the real form, and finding real cases to measure, exactly as a browser would. */

export interface BenchSession {
  /** The Cookie header of the signed-in session. */
  cookie: string;
  /** The session's CSRF token, as the service's forms carry it in `_csrf`. */
  csrf: string;
}

export interface BenchTargets {
  crns: string[];
  /** A surname from the user's caseload, to search for with a typo. */
  surname: string;
}

const csrfFrom = (html: string): string => html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';

/** 'name=value' of a Set-Cookie header with that name. */
function cookieFrom(response: Response, name: string): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<BenchSession> {
  const form = await fetch(new URL('/sign-in', baseUrl), { headers: { accept: 'text/html' } });
  const anonCookie = cookieFrom(form, 'tl_csrf');
  const anonToken = csrfFrom(await form.text());
  if (!anonCookie || !anonToken) throw new Error(`the sign-in page gave no CSRF cookie and token (${form.status})`);
  const response = await fetch(new URL('/sign-in', baseUrl), {
    method: 'POST',
    redirect: 'manual',
    headers: { accept: 'text/html', cookie: anonCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: anonToken, username, password }).toString(),
  });
  const cookie = cookieFrom(response, 'tl_session');
  if (response.status !== 303 || !cookie) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  const home = await fetch(new URL('/search', baseUrl), { headers: { accept: 'text/html', cookie } });
  const csrf = csrfFrom(await home.text());
  if (home.status !== 200 || !csrf) throw new Error(`the signed-in search page gave no CSRF token (${home.status})`);
  return { cookie, csrf };
}

const unescapeHtml = (text: string) =>
  text.replace(/&#39;|&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The CRNs and one surname of the cases on the user's My cases page. */
export async function findTargets(baseUrl: string, session: BenchSession): Promise<BenchTargets> {
  const page = await fetch(new URL('/cases', baseUrl), { headers: { accept: 'text/html', cookie: session.cookie } });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`My cases answered ${page.status}`);
  const rows = [...html.matchAll(/<a class="govuk-link" href="\/people\/([A-Z]\d{6})">([^<]+)<\/a>/g)].map((m) => ({ crn: m[1]!, name: unescapeHtml(m[2]!) }));
  if (!rows.length) throw new Error('My cases lists no case this user can open: sign in as a practitioner with a caseload');
  const crns = [...new Set(rows.map((r) => r.crn))];
  // The longest surname makes the typo a fair test of the fuzzy match (a 3-letter name with a typo matches little).
  const surnames = rows.map((r) => r.name.trim().split(/\s+/).at(-1)!).filter((s) => /^[\p{L}'-]+$/u.test(s));
  const surname = surnames.sort((a, b) => b.length - a.length)[0] ?? rows[0]!.name;
  return { crns, surname };
}

/** One letter changed, as a practitioner mistypes: the second-last letter swapped with the last. */
export function withTypo(surname: string): string {
  if (surname.length < 3) return `${surname}e`;
  const chars = [...surname.toLowerCase()];
  const n = chars.length;
  [chars[n - 2], chars[n - 1]] = [chars[n - 1]!, chars[n - 2]!];
  return chars.join('') === surname.toLowerCase() ? `${surname.toLowerCase()}e` : chars.join('');
}
