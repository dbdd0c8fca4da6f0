/**
 * "Ask the data": the contract of `POST /api/analyses/:id/ask` (docs/http-api.md) and the
 * answers shared to a session's room.
 */
export interface AskRequest {
  question: string;
  /**
   * The cluster numbers the asker sees (`meta.clusterIds` of their session, shown[i] for raw id
   * raw[i]), so "cluster 3" means the cluster shown as 3. Absent: raw analysis ids.
   */
  clusterIds?: { raw: number[]; shown: number[] };
}

export type AskCitation =
  | { kind: 'column'; column: string }
  | { kind: 'cluster'; cluster: number }
  | { kind: 'row'; rowIndex: number };

/** A filter the answer proposes (applied to the shared view by an editor's click). */
export type ProposedFilter =
  | { column: string; kind: 'range'; min?: number; max?: number }
  | { column: string; kind: 'set'; values: Array<string | number | boolean | null> };

export interface AskAnswer {
  answer: string;
  citations: AskCitation[];
  filters?: ProposedFilter[];
  /** Rows the proposed filters keep (or the rows the answer counted). */
  count?: number;
  /**
   * Of `count`, the rows the cloud shows as points, when that is fewer (the analysis left rows out,
   * e.g. for missing values): applying the filters shows this many.
   */
  inCloud?: number;
  /** Who phrased it: the offline templates, or the configured language model. */
  source: 'offline' | 'model';
  /** Why the model was not used when one is configured (timeout, error), in one sentence. */
  note?: string;
}

/** An answer posted to the room (session document `answers`), for the presenter to walk through. */
export interface SharedAnswer extends AskAnswer {
  id: string;
  question: string;
  author: string;
  createdAt: number;
}
