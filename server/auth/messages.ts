import { HttpError } from '../api/http-error.ts';

/** The refusals of the access layer, worded for whoever meets them (docs/http-api.md "Access"). */
export const NEED_TOKEN =
  'This needs a token. The workspace owner opens the start-page link the server prints when it starts (http://…/?token=…) or sends "Authorization: Bearer <token>"; participants open the session link they were given.';

export function unauthenticated(): HttpError {
  return new HttpError(401, 'unauthorized', NEED_TOKEN);
}

export function wrongToken(): HttpError {
  return new HttpError(401, 'invalid_token', 'This token is not valid on this server: check the link, or ask its owner for a new one.');
}

export function forbidden(what: string): HttpError {
  return new HttpError(403, 'forbidden', `This link does not reach ${what}: a session link opens only its own session's data; the rest needs the workspace owner.`);
}

export function tooManyWrongTokens(retryAfterSeconds: number): HttpError {
  return new HttpError(429, 'too_many_wrong_tokens', `Too many wrong tokens from this address; try again in ${retryAfterSeconds} s.`);
}
