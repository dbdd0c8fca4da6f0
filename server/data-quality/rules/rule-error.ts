/** A rule the user cannot have (unknown column, bad pattern…): a 400 with the message as written. */
export class RuleError extends Error {
  constructor(
    readonly code: 'unknown_column' | 'invalid_rule' | 'invalid_pattern' | 'unsafe_pattern' | 'pattern_too_slow',
    message: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}
