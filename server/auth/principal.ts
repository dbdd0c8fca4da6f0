/**
 * Who a request is, as far as access goes. Decided once per request by the access middleware
 * (identify.ts) and read by route guards (guards.ts) and by anything that keys work by requester.
 */
export type SessionRole = 'edit' | 'view';

export type Principal =
  /** The workspace owner (the OWNER_TOKEN), or everyone under AUTH=off. */
  | { kind: 'owner' }
  /**
   * A session's edit or view token: reaches that session's dataset, and the analyses the session
   * is or was bound to (an edit token: any analysis of that dataset, since it may run them).
   */
  | { kind: 'session'; sessionId: string; role: SessionRole; datasetId: string; analysisIds: readonly string[] }
  /** No token (or AUTH on and nothing valid presented). */
  | { kind: 'none' };

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
    /** The client's address for per-client limits (client-address.ts), set for every request by the access layer. */
    clientAddress: string;
  }
}

export const NOBODY: Principal = { kind: 'none' };
export const OWNER: Principal = { kind: 'owner' };
