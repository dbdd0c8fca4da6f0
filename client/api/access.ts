import type { AccessCheck } from '../../shared/api-types.ts';
import { getJson } from './http.ts';

/** Whether this browser is the workspace owner's (GET /api/access; answered to anyone). */
export const checkAccess = (): Promise<AccessCheck> => getJson<AccessCheck>('/api/access');
