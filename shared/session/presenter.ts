import type * as Y from 'yjs';
import { SessionDocError } from './errors.ts';
import { presenterMap } from './roots.ts';
import { nameSchema, poseSchema, timeSchema } from './schema.ts';
import type { Pose, Presenter } from './types.ts';

/**
 * Who presents, and the pose late joiners start from. Every write stays in the document for
 * good, so the caller writes rarely (≤ 1 Hz and when the camera settles); followers track the
 * presenter's live camera in awareness.
 */
export const NO_PRESENTER: Presenter = { clientId: null, name: null, pose: null, updatedAt: 0 };

export function readPresenter(doc: Y.Doc): Presenter {
  const map = presenterMap(doc);
  const clientId = map.get('clientId');
  if (typeof clientId !== 'number' || !Number.isSafeInteger(clientId) || clientId < 0) return NO_PRESENTER;
  return {
    clientId,
    name: nameSchema.safeParse(map.get('name')).data ?? null,
    pose: poseSchema.safeParse(map.get('pose')).data ?? null,
    updatedAt: timeSchema.safeParse(map.get('updatedAt')).data ?? 0,
  };
}

/** Starts presenting as `who` (an awareness client id and display name), or stops with null. */
export function setPresenter(doc: Y.Doc, who: { clientId: number; name: string } | null, origin: unknown = null): void {
  if (who !== null) {
    if (!Number.isSafeInteger(who.clientId) || who.clientId < 0) throw new SessionDocError('invalid_presenter', 'invalid client id');
    if (!nameSchema.safeParse(who.name).success) throw new SessionDocError('invalid_presenter', 'invalid presenter name');
  }
  doc.transact(() => {
    const map = presenterMap(doc);
    map.set('clientId', who?.clientId ?? null);
    map.set('name', who?.name ?? null);
    map.set('pose', null);
    map.set('updatedAt', Date.now());
  }, origin);
}

export function setPresenterPose(doc: Y.Doc, pose: Pose, origin: unknown = null): void {
  const parsed = poseSchema.safeParse(pose);
  if (!parsed.success) throw new SessionDocError('invalid_pose', 'a pose is { position: [x,y,z], target: [x,y,z] }');
  doc.transact(() => {
    const map = presenterMap(doc);
    map.set('pose', parsed.data);
    map.set('updatedAt', Date.now());
  }, origin);
}
