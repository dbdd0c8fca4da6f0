// The profile types are shared with the client (dataset page, filters): they live in shared/profile.ts.
export type * from '../../shared/profile.ts';
