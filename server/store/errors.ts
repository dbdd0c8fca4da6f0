/** Errors the store raises; the API maps `code` to an HTTP status (404 for not_found…). */
export class StoreError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'corrupt',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
