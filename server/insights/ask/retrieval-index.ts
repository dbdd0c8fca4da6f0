import MiniSearch from 'minisearch';
import type { AskCitation } from '../../../shared/insights/ask.ts';

/** One retrievable piece of what is known about an analysis (ask-documents.ts builds them). */
export interface AskDocument {
  id: string;
  kind: 'column' | 'cluster' | 'anomaly' | 'quality' | 'row';
  title: string;
  text: string;
  /** What an answer built from this document cites (cluster ids raw). */
  cites: AskCitation[];
}

/** Documents indexed between two turns of the event loop while an index is built. */
const CHUNK = 500;

/**
 * BM25+ full-text search (minisearch) over an analysis's documents: titles weigh double, words
 * match by prefix and within a fifth of their length in typos.
 */
export class RetrievalIndex {
  private readonly search: MiniSearch<AskDocument>;
  private readonly byId = new Map<string, AskDocument>();

  private constructor(documents: readonly AskDocument[]) {
    this.search = new MiniSearch<AskDocument>({
      fields: ['title', 'text'],
      storeFields: [],
      // Typos and prefixes only for longer words: on short ones they match everything and cost the most.
      searchOptions: { boost: { title: 2 }, prefix: (term) => term.length >= 3, fuzzy: (term) => (term.length >= 5 ? 0.2 : false), combineWith: 'OR' },
    });
    for (const d of documents) this.byId.set(d.id, d);
  }

  /** Indexes the documents a chunk at a time, so a big table's index never holds up the server's other work for long. */
  static async build(documents: readonly AskDocument[]): Promise<RetrievalIndex> {
    const index = new RetrievalIndex(documents);
    await index.search.addAllAsync(documents, { chunkSize: CHUNK });
    return index;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The best documents for a query, best first, with the words that matched. */
  query(text: string, limit = 5, kinds?: ReadonlyArray<AskDocument['kind']>): { document: AskDocument; score: number; terms: string[] }[] {
    if (text.trim() === '') return [];
    const filter = kinds ? (r: { id: string }) => kinds.includes(this.byId.get(r.id)!.kind) : undefined;
    return this.search
      .search(text, filter ? { filter } : {})
      .slice(0, limit)
      .map((r) => ({ document: this.byId.get(String(r.id))!, score: r.score, terms: r.terms }));
  }

  /** Every document of one kind (the few quality findings), without a search. */
  documents(kind: AskDocument['kind']): AskDocument[] {
    return [...this.byId.values()].filter((d) => d.kind === kind);
  }

  get(id: string): AskDocument | undefined {
    return this.byId.get(id);
  }
}
