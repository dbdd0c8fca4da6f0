import { NOBODY, OWNER, type Principal } from './principal.ts';

/** Looks tokens up; every comparison with a secret is constant-time (see tokensEqual). */
export interface TokenDirectory {
  isOwner(token: string): boolean;
  /** The session principal a token is, or null. */
  session(token: string): Extract<Principal, { kind: 'session' }> | null;
}

export interface Identified {
  principal: Principal;
  /** Tokens presented that matched nothing (each counts as a guess, even beside a valid one). */
  wrong: number;
}

/**
 * Who presents these tokens (from the Authorization header, `?token=` and the owner cookie):
 * the owner if any is the owner token, else the first session token, else nobody.
 */
export function identify(tokens: readonly string[], directory: TokenDirectory): Identified {
  let principal: Principal = NOBODY;
  let wrong = 0;
  for (const token of tokens) {
    if (directory.isOwner(token)) principal = OWNER;
    else {
      const session = directory.session(token);
      if (!session) wrong++;
      else if (principal.kind === 'none') principal = session;
    }
  }
  return { principal, wrong };
}
