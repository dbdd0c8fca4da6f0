import { TokenType } from '@streamparser/json';

/**
 * JSON's grammar over the token stream of @streamparser/json's Tokenizer, which splits text
 * into tokens but accepts them in any order (`[1 2]`, `{"a" 1}`). This checks the order and
 * tells the reader what each token is: an object key, a scalar value, an opening or closing
 * bracket, or punctuation.
 */
export type Role = 'key' | 'scalar' | 'open-object' | 'open-array' | 'close' | 'punctuation';

/** Where a container is in its grammar: what may come next. */
type State = 'key-or-end' | 'colon' | 'value' | 'comma-or-end' | 'key' | 'value-or-end';

interface Frame {
  object: boolean;
  state: State;
}

export class JsonGrammarError extends Error {}

export class JsonGrammar {
  private readonly stack: Frame[] = [];
  private rootDone = false;

  /** Open containers around the next token. */
  get depth(): number {
    return this.stack.length;
  }

  get complete(): boolean {
    return this.rootDone;
  }

  accept(token: TokenType): Role {
    const top = this.stack[this.stack.length - 1];
    if (this.rootDone) {
      const hint = token === TokenType.LEFT_BRACE ? ' (JSON Lines, one object per line, is not read: wrap the rows in [ ] with commas)' : '';
      throw new JsonGrammarError(`unexpected data after the end of the JSON value${hint}`);
    }
    switch (token) {
      case TokenType.STRING:
        if (top?.object && (top.state === 'key-or-end' || top.state === 'key')) {
          top.state = 'colon';
          return 'key';
        }
        return this.value(top, 'scalar');
      case TokenType.NUMBER:
      case TokenType.TRUE:
      case TokenType.FALSE:
      case TokenType.NULL:
        return this.value(top, 'scalar');
      case TokenType.LEFT_BRACE:
        return this.value(top, 'open-object');
      case TokenType.LEFT_BRACKET:
        return this.value(top, 'open-array');
      case TokenType.COLON:
        if (top?.object && top.state === 'colon') {
          top.state = 'value';
          return 'punctuation';
        }
        throw new JsonGrammarError('unexpected ":"');
      case TokenType.COMMA:
        if (top && top.state === 'comma-or-end') {
          top.state = top.object ? 'key' : 'value';
          return 'punctuation';
        }
        throw new JsonGrammarError('unexpected ","');
      case TokenType.RIGHT_BRACE:
        if (top?.object && (top.state === 'key-or-end' || top.state === 'comma-or-end')) return this.close();
        throw new JsonGrammarError('unexpected "}"');
      case TokenType.RIGHT_BRACKET:
        if (top && !top.object && (top.state === 'value-or-end' || top.state === 'comma-or-end')) return this.close();
        throw new JsonGrammarError('unexpected "]"');
      default:
        throw new JsonGrammarError(`unexpected token ${TokenType[token]}`);
    }
  }

  private value(top: Frame | undefined, role: Role): Role {
    if (top === undefined) {
      if (role === 'scalar') this.rootDone = true;
    } else if (top.state === 'value' || (!top.object && top.state === 'value-or-end')) {
      top.state = 'comma-or-end';
    } else {
      throw new JsonGrammarError(top.object ? 'expected a key (a string in double quotes)' : 'expected "," or "]"');
    }
    if (role === 'open-object') this.stack.push({ object: true, state: 'key-or-end' });
    if (role === 'open-array') this.stack.push({ object: false, state: 'value-or-end' });
    return role;
  }

  private close(): Role {
    this.stack.pop();
    if (this.stack.length === 0) this.rootDone = true;
    return 'close';
  }
}
