/** Errors of the collaboration server, with a stable `code` for callers and logs. */
export class CollabError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CollabError';
    this.code = code;
  }
}
