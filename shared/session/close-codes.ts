/**
 * Close codes the session server sends; the client explains a refusal by them. 4400–4499 tell
 * the stock y-websocket client not to reconnect (it emits 'closed' with the code); the others
 * make it retry with backoff.
 */
export const CLOSE = {
  goingAway: 1001,
  protocolError: 1002,
  unsupportedData: 1003,
  tooLarge: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  badSessionId: 4400,
  missingToken: 4401,
  forbidden: 4403,
  sessionDeleted: 4404,
  /** An editor's update would take the document past maxDocumentBytes; it was not applied. */
  documentTooLarge: 4413,
  /** The session is full (maxConnectionsPerSession), or this connection sent too much too fast. */
  tooMany: 4429,
} as const;

/** What a participant is told when the server closed their connection for good. */
export function describeRefusal(code: number, reason: string): { text: string; retry: boolean } {
  switch (code) {
    case CLOSE.badSessionId:
    case CLOSE.sessionDeleted:
      return { text: 'session not found', retry: false };
    case CLOSE.missingToken:
    case CLOSE.forbidden:
      return { text: 'link refused', retry: false };
    case CLOSE.documentTooLarge:
      // Reconnecting would re-send the same refused change, and any later one would pass the cap too.
      return { text: "session document reached its size limit: changes can't be saved", retry: false };
    case CLOSE.tooMany:
      return reason === 'session is full' ? { text: 'session is full', retry: true } : { text: 'disconnected: too much traffic', retry: true };
    default:
      return { text: reason || `connection refused (${code})`, retry: true };
  }
}
