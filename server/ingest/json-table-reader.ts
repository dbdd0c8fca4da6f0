import { TokenType } from '@streamparser/json';
import { IngestError } from './errors.ts';
import { JsonGrammar, type Role } from './json-grammar.ts';
import type { TableBuilder } from './table-builder.ts';

/**
 * Reads rows out of a JSON token stream into a TableBuilder, one object at a time, without
 * ever building the objects: a table is an array of objects, or an object holding one such
 * array (`{ "data": [...] }`, the first array of objects wins; others are skipped with a warning).
 * - Nested objects flatten to dotted names: `{ "a": { "b": 1 } }` → column `a.b`.
 * - An array inside a row is one cell holding its JSON text (`["x","y"]`): lists have no
 *   column of their own, and their text keeps them searchable and exportable.
 * - Keys are only ever Map keys and array entries, so `__proto__` and `constructor` are plain
 *   column names and no prototype is touched.
 */
type JsonScalar = string | number | boolean | null;

export class JsonTableReader {
  private readonly grammar = new JsonGrammar();
  /** Grammar depth at which the rows array's elements sit; -1 until found. */
  private rowsDepth = -1;
  private rowsKey: string | undefined;
  private wrapper = false;
  private wrapperKey = '';
  private readonly wrapperKeys: string[] = [];
  /** A wrapper value just opened as an array: its first element decides if it holds rows. */
  private pendingArray = false;
  private sawEmptyArray = false;
  /** Skipping a container opened at this depth (-1: not skipping). */
  private skipBase = -1;
  private row = -1;
  private elements = 0;
  private readonly path: string[] = [];
  private capture: string[] | null = null;
  private captureBase = 0;
  private captureName = '';
  private captureChars = 0;
  private readonly duplicateWarned = new Set<string>();
  private readonly blankNames = new Map<string, string>();

  constructor(
    private readonly table: TableBuilder,
    private readonly maxCellChars: number,
  ) {}

  get complete(): boolean {
    return this.grammar.complete;
  }

  onToken(token: TokenType, value: JsonScalar | undefined): void {
    const depth = this.grammar.depth;
    const role = this.grammar.accept(token);
    if (this.capture) return this.captureToken(token, value, role);
    if (this.skipBase >= 0) {
      if (role === 'close' && this.grammar.depth === this.skipBase) this.skipBase = -1;
      return;
    }
    if (depth === 0) return this.rootToken(role);
    if (this.pendingArray && depth === 2) return this.firstElementOfWrapperArray(token, value, role);
    if (this.wrapper && depth === 1) return this.wrapperToken(role, value);
    if (depth === this.rowsDepth) return this.elementToken(role);
    if (depth > this.rowsDepth && this.rowsDepth >= 0) return this.rowToken(token, value, role, depth - this.rowsDepth - 1);
  }

  /** Throws the right error when the JSON held no table; call after the last token. */
  checkFoundRows(): void {
    if (this.rowsDepth >= 0 || this.sawEmptyArray) return;
    const keys = this.wrapperKeys.slice(0, 8).map((k) => JSON.stringify(k)).join(', ');
    throw new IngestError(
      'not_a_table',
      `The JSON object holds no array of objects${keys ? ` (its keys: ${keys}${this.wrapperKeys.length > 8 ? ', …' : ''})` : ''}. Send an array of row objects, or an object with one such array.`,
    );
  }

  private rootToken(role: Role): void {
    if (role === 'open-array') this.rowsDepth = 1;
    else if (role === 'open-object') this.wrapper = true;
    else throw new IngestError('not_a_table', 'The JSON is a single value, not a table: send an array of row objects.');
  }

  private wrapperToken(role: Role, value: JsonScalar | undefined): void {
    if (role === 'key') {
      this.wrapperKey = String(value);
      this.wrapperKeys.push(this.wrapperKey);
    } else if (role === 'open-object') {
      this.skipBase = 1;
    } else if (role === 'open-array') {
      this.pendingArray = true;
    }
  }

  private firstElementOfWrapperArray(token: TokenType, value: JsonScalar | undefined, role: Role): void {
    this.pendingArray = false;
    if (role === 'close') {
      this.sawEmptyArray = true;
      return;
    }
    if (role === 'open-object' && this.rowsDepth < 0) {
      this.rowsDepth = 2;
      this.rowsKey = this.wrapperKey;
      return this.elementToken(role);
    }
    if (role === 'open-object') {
      this.table.warnings.add({
        code: 'ignored_data',
        message: `The rows come from "${this.rowsKey}"; the array of objects under "${this.wrapperKey}" was ignored.`,
      });
    }
    // Not rows (or not the first rows): skip to the end of this array.
    this.skipBase = 1;
  }

  private elementToken(role: Role): void {
    if (role === 'punctuation') return;
    if (role === 'close') return;
    this.elements++;
    if (role !== 'open-object') {
      const what = role === 'open-array' ? 'an array' : 'a plain value';
      throw new IngestError('not_a_table', `Element ${this.elements} of the array is ${what}; every element must be an object (one row).`);
    }
    this.row = this.table.nextRow();
    this.path.length = 0;
  }

  private rowToken(token: TokenType, value: JsonScalar | undefined, role: Role, level: number): void {
    if (role === 'key') {
      this.path.length = level + 1;
      this.path[level] = String(value);
    } else if (role === 'scalar') {
      this.cell(this.columnName(level), token, value);
    } else if (role === 'open-array') {
      this.capture = ['['];
      this.captureChars = 1;
      this.captureBase = this.rowsDepth + 1 + level;
      this.captureName = this.columnName(level);
    }
  }

  /** A blank key gets a position name, like a blank CSV header; the same blank key keeps it. */
  private emptyKeyName(key: string): string {
    let name = this.blankNames.get(key);
    if (name === undefined) {
      name = `column_${this.table.columns.length + 1}`;
      while (this.table.column(name)) name += '_';
      this.blankNames.set(key, name);
      this.table.warnings.add({ code: 'empty_header', column: name, message: `A key is blank; its column is called "${name}".` });
    }
    return name;
  }

  private columnName(level: number): string {
    return level === 0 ? this.path[0] : this.path.slice(0, level + 1).join('.');
  }

  private captureToken(token: TokenType, value: JsonScalar | undefined, role: Role): void {
    const capture = this.capture as string[];
    const text = token === TokenType.STRING ? JSON.stringify(value) : String(value);
    capture.push(text);
    this.captureChars += text.length;
    if (this.captureChars > this.maxCellChars) {
      throw new IngestError('field_too_large', `The list in column "${this.captureName}" of row ${this.row + 1} is longer than ${this.maxCellChars} characters.`);
    }
    if (role === 'close' && this.grammar.depth === this.captureBase) {
      this.capture = null;
      this.cell(this.captureName, TokenType.STRING, capture.join(''));
    }
  }

  private cell(key: string, token: TokenType, value: JsonScalar | undefined): void {
    const name = key.trim() === '' ? this.emptyKeyName(key) : key;
    const column = this.table.column(name) ?? this.table.addColumn(name);
    let fresh: boolean;
    if (token === TokenType.NUMBER) fresh = column.addNumber(this.row, value as number);
    else if (token === TokenType.NULL) fresh = column.addMissing(this.row);
    else fresh = column.addText(this.row, String(value));
    if (!fresh && !this.duplicateWarned.has(name)) {
      this.duplicateWarned.add(name);
      this.table.warnings.add({
        code: 'duplicate_key',
        column: name,
        row: this.row + 1,
        message: `Row ${this.row + 1} gives column "${name}" twice (a repeated key, or a dotted key that equals a nested path); the first value is kept.`,
      });
    }
  }
}
