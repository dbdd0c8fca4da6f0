/**
 * Thrown by writers when our own code passes a value the readers would reject. Readers never
 * throw: what a remote client wrote is untrusted and reads as a default or is skipped.
 */
export class SessionDocError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'SessionDocError';
    this.code = code;
  }
}
