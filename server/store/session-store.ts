import { readdirSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write.ts';
import { StoreError } from './errors.ts';
import { isValidId, newId, newToken, tokenDigest, tokensEqual } from './ids.ts';
import { RecordFreshness, type StoreSharing } from './store-sharing.ts';

export interface SessionRecord {
  id: string;
  datasetId: string;
  analysisId: string | null;
  title: string;
  editToken: string;
  viewToken: string;
  createdAt: string;
  /**
   * Every analysis the session was ever bound to, oldest first (its view token may read them:
   * a participant's page may still show the previous one). Absent in records written before it
   * existed: then just analysisId.
   */
  analysisIds?: string[];
  /**
   * A queued or running analysis the session moves to once it is done (see
   * shared/session/pending-analysis.ts); kept here so a restarted server goes on waiting for it.
   */
  pendingAnalysisId?: string;
}

/** The analyses a session is or was bound to. */
export function boundAnalyses(record: SessionRecord): string[] {
  const ids = record.analysisIds ?? [];
  return record.analysisId !== null && !ids.includes(record.analysisId) ? [...ids, record.analysisId] : ids;
}

/**
 * Session records (binding and tokens) in DATA_DIR/sessions/<id>/session.json; the session's
 * Yjs document lives beside it, owned by server/collab.
 */
export class SessionStore {
  private readonly root: string;
  private readonly records = new Map<string, SessionRecord>();
  /** sha256(token) → session and role: finds a token's session without comparing it to every token. */
  private readonly byToken = new Map<string, { id: string; role: 'edit' | 'view' }>();
  private readonly freshness = new RecordFreshness();
  private readonly changedElsewhere = new Set<(record: SessionRecord) => void>();

  /** `sharing`: DATA_DIR is shared with other processes (REDIS_URL); absent, this process is its only user. */
  constructor(
    dataDir: string,
    private readonly sharing?: StoreSharing,
  ) {
    this.root = join(dataDir, 'sessions');
  }

  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    for (const entry of await readdir(this.root)) {
      if (!isValidId(entry)) continue;
      try {
        const path = join(this.root, entry, 'session.json');
        const record = JSON.parse(await readFile(path, 'utf8')) as SessionRecord;
        this.remember(record);
        // Records from before they were written 0600 hold tokens other local users could read.
        await chmod(path, 0o600).catch(() => {});
      } catch {
        // A directory without session.json is a session whose creation did not finish: not a session.
      }
    }
  }

  /** `prepare` runs with the new record before it is saved (e.g. to write the session's document first). */
  async create(
    input: { datasetId: string; analysisId: string | null; title: string },
    prepare?: (record: SessionRecord) => Promise<void>,
  ): Promise<SessionRecord> {
    const record: SessionRecord = {
      id: newId(),
      ...input,
      editToken: newToken(),
      viewToken: newToken(),
      createdAt: new Date().toISOString(),
      analysisIds: input.analysisId === null ? [] : [input.analysisId],
    };
    await prepare?.(record);
    await this.persist(record);
    return record;
  }

  get(id: string): SessionRecord {
    const record = isValidId(id) ? this.cached(id) : undefined;
    if (!record) throw new StoreError('not_found', `No session with id "${id}".`);
    return record;
  }

  has(id: string): boolean {
    return isValidId(id) && this.cached(id) !== undefined;
  }

  list(): SessionRecord[] {
    return [...this.records.values()];
  }

  /** The role a token grants in a session, or null (unknown session or wrong token). */
  roleFor(id: string, token: string | null | undefined): 'edit' | 'view' | null {
    if (!token || !this.has(id)) return null;
    const record = this.cached(id)!;
    if (tokensEqual(token, record.editToken)) return 'edit';
    if (tokensEqual(token, record.viewToken)) return 'view';
    return null;
  }

  /**
   * The session a token belongs to and the role it gives. The digest lookup reveals nothing a
   * timing attack could use (an attacker cannot steer the digest of a guess); the final
   * comparison is constant-time.
   */
  findByToken(token: string): { record: SessionRecord; role: 'edit' | 'view' } | null {
    const digest = tokenDigest(token);
    // On a shared DATA_DIR the session may be one another process created a moment ago, before its
    // event arrived here: read the records not seen yet (wrong guesses are rate-limited by Access).
    if (this.sharing && !this.byToken.has(digest)) this.readUnseen();
    const hit = this.byToken.get(digest);
    const record = hit && this.cached(hit.id);
    if (!hit || !record) return null;
    return tokensEqual(token, hit.role === 'edit' ? record.editToken : record.viewToken) ? { record, role: hit.role } : null;
  }

  /** Adds an analysis to those the session's tokens may read (before the session is pointed at it). */
  async allowAnalysis(id: string, analysisId: string): Promise<void> {
    const current = this.get(id);
    if (boundAnalyses(current).includes(analysisId)) return;
    await this.persist({ ...current, analysisIds: [...boundAnalyses(current), analysisId] });
  }

  /** Records (or with null forgets) the analysis the session waits for; it must be allowed first. */
  async setPending(id: string, analysisId: string | null): Promise<SessionRecord> {
    const { pendingAnalysisId: _, ...current } = this.get(id);
    const record = analysisId === null ? current : { ...current, pendingAnalysisId: analysisId };
    await this.persist(record);
    return record;
  }

  /** Points the session at the analysis; whatever it was waiting for is superseded. */
  async rebind(id: string, analysisId: string): Promise<SessionRecord> {
    const { pendingAnalysisId: _, ...current } = this.get(id);
    const record = { ...current, analysisId, analysisIds: [...boundAnalyses(current).filter((a) => a !== analysisId), analysisId] };
    await this.persist(record);
    return record;
  }

  private async persist(record: SessionRecord): Promise<void> {
    // It holds the session's edit and view tokens: readable by this user only, like the owner token.
    await writeFileAtomic(join(this.root, record.id, 'session.json'), JSON.stringify(record), { mode: 0o600 });
    this.remember(record);
    this.sharing?.changed(record.id);
  }

  /** Another process changed this session's record (created or re-bound it): read it again from disk. */
  async reload(id: string): Promise<void> {
    if (!isValidId(id)) return;
    let record: SessionRecord;
    try {
      record = JSON.parse(await readFile(join(this.root, id, 'session.json'), 'utf8')) as SessionRecord;
    } catch {
      // Sessions are never deleted; an unreadable record stays as this process last knew it.
      return;
    }
    this.remember(record);
    for (const listener of this.changedElsewhere) listener(record);
  }

  /** Calls `listener` with each record another process changed (a shared DATA_DIR only: the embedded store never calls it). */
  onChangedElsewhere(listener: (record: SessionRecord) => void): () => void {
    this.changedElsewhere.add(listener);
    return () => this.changedElsewhere.delete(listener);
  }

  private readUnseen(): void {
    let entries: string[];
    try {
      entries = readdirSync(this.root);
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!isValidId(entry) || this.records.has(entry)) continue;
      this.cached(entry);
    }
  }

  /**
   * The cached record; on a shared DATA_DIR revalidated against session.json first (another
   * process may have created or re-bound it a moment before its event arrives here).
   */
  private cached(id: string): SessionRecord | undefined {
    if (!this.sharing) return this.records.get(id);
    const fresh = this.freshness.check<SessionRecord>(id, join(this.root, id, 'session.json'), this.records.has(id));
    if (fresh.kind === 'changed') this.remember(fresh.record);
    return this.records.get(id);
  }

  private remember(record: SessionRecord): void {
    this.records.set(record.id, record);
    this.byToken.set(tokenDigest(record.editToken), { id: record.id, role: 'edit' });
    this.byToken.set(tokenDigest(record.viewToken), { id: record.id, role: 'view' });
  }
}
