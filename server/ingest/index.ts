/** Public surface of ingest: what the server and the rest of the pipeline may import. */
export { ingest, type IngestOptions } from './ingest.ts';
export { ingestFile, type FileIngestOptions } from './ingest-file.ts';
export { parseDelimited, type DelimitedOptions } from './parse-delimited.ts';
export { parseJson, type JsonOptions } from './parse-json.ts';
export { IngestError, type IngestErrorCode } from './errors.ts';
export { INGEST_DEFAULTS, type IngestResult, type IngestWarning, type IngestSource, type IngestLimits, type IngestFormat } from './types.ts';
export { profileColumn, profileTable } from './profile.ts';
export type { ColumnProfile, TableProfile, NumericProfile, CategoricalProfile, TextProfile, Histogram, Quantiles, ValueCount } from './profile-types.ts';
