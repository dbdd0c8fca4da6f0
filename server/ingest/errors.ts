/**
 * Every way an upload can be refused. The server maps codes to HTTP statuses (too_many_* → 413,
 * the rest → 400), so a code is part of the contract and messages are written for the person
 * who sent the file: they name the row, line, byte or column at fault.
 */
export type IngestErrorCode =
  | 'empty'
  | 'no_rows'
  | 'binary'
  | 'invalid_json'
  | 'not_a_table'
  | 'malformed_csv'
  | 'inconsistent_columns'
  | 'too_many_columns'
  | 'too_many_rows'
  | 'field_too_large'
  | 'column_name_too_long'
  | 'corrupt_file'
  | 'encrypted_workbook'
  | 'unsupported_type'
  | 'nested_column'
  | 'unknown_sheet'
  | 'empty_sheet';

export class IngestError extends Error {
  readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string) {
    super(message);
    this.name = 'IngestError';
    this.code = code;
  }
}
