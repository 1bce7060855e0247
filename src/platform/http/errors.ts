/** An error with a status and a message meant for the person who made the request. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound = (message = 'Page not found') => new HttpError(404, message);
export const forbidden = (message = 'You do not have permission to do that') => new HttpError(403, message);
export const badRequest = (message: string, fields?: Record<string, string>) => new HttpError(400, message, fields);

/** Sends the browser to another address instead of answering (303: ask again there; 302: go there first). */
export class Redirect extends Error {
  constructor(readonly location: string, readonly statusCode: 302 | 303 = 303) {
    super(`See ${location}`);
  }
}
