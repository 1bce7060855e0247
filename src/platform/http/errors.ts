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

/** Sends the browser to another address (303) instead of answering: for a GET that must be asked again. */
export class Redirect extends Error {
  constructor(readonly location: string) {
    super(`See ${location}`);
  }
}
