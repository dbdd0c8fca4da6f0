import { z } from 'zod';
import type { AskCitation, ProposedFilter, SharedAnswer } from '../insights/ask.ts';
import { LIMITS } from './limits.ts';
import type {
  Annotation,
  Camera,
  Encoding,
  EncodingChannel,
  Filter,
  Pose,
  PositionSource,
  Vec3,
  Quat,
} from './types.ts';

/**
 * zod schemas for every value stored in the session document. Readers parse what they find
 * with these (a failed parse drops or defaults the entry); writers parse their input too, so
 * our own code cannot write what our readers would reject.
 */
export const finite = z.number();
export const vec3Schema: z.ZodType<Vec3> = z.tuple([finite, finite, finite]);
export const quatSchema: z.ZodType<Quat> = z.tuple([finite, finite, finite, finite]);
export const idSchema = z.string().min(1).max(LIMITS.idLength);
export const nameSchema = z.string().max(LIMITS.nameLength);
export const columnSchema = z.string().min(1).max(LIMITS.columnLength);
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);
export const timeSchema = z.number().nonnegative();
export const rowIndexSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const clusterIdSchema = z.number().int().min(-1);
export const playbackSpeedSchema = z.number().min(LIMITS.playbackSpeedMin).max(LIMITS.playbackSpeedMax);

export const positionSourceSchema: z.ZodType<PositionSource> = z.union([
  z.object({ by: z.literal('embedding') }),
  z.object({ by: z.literal('columns'), x: columnSchema, y: columnSchema, z: columnSchema }),
]);

export const encodingSchema: z.ZodType<Encoding> = z
  .object({
    by: z.enum(['cluster', 'anomaly', 'column', 'constant']),
    column: columnSchema.optional(),
    scale: z.enum(['linear', 'log', 'sqrt', 'quantile']).optional(),
    palette: z.string().min(1).max(LIMITS.paletteLength).optional(),
    value: z.union([finite, z.string().max(LIMITS.paletteLength)]).optional(),
  })
  .refine((e) => e.by !== 'column' || e.column !== undefined, { message: "by 'column' needs a column" });

/** Channel-specific rules on top of encodingSchema: what a constant means per channel. */
export function encodingFitsChannel(channel: EncodingChannel, enc: Encoding): boolean {
  if (enc.by !== 'constant') return true;
  if (channel === 'color') return typeof enc.value === 'string' && colorSchema.safeParse(enc.value).success;
  if (typeof enc.value !== 'number') return false;
  return channel === 'opacity' ? enc.value >= 0 && enc.value <= 1 : enc.value > 0 && enc.value <= LIMITS.pointScaleMax;
}

export const pointScaleSchema = z.number().positive().max(LIMITS.pointScaleMax);
export const filterModeSchema = z.enum(['fade', 'hide']);

const bound = finite.nullable();
const filterCommon = {
  id: idSchema,
  enabled: z.boolean(),
  author: nameSchema,
  createdAt: timeSchema,
};

export const filterSchema: z.ZodType<Filter> = z
  .discriminatedUnion('kind', [
    z.object({ ...filterCommon, kind: z.literal('range'), column: columnSchema, min: bound, max: bound }),
    z.object({
      ...filterCommon,
      kind: z.literal('set'),
      column: columnSchema,
      values: z.array(z.union([z.string().max(LIMITS.columnLength), finite, z.boolean(), z.null()])).max(LIMITS.setValues),
    }),
    z.object({ ...filterCommon, kind: z.literal('cluster'), values: z.array(clusterIdSchema).max(LIMITS.clusterIds) }),
    z.object({ ...filterCommon, kind: z.literal('anomaly'), min: bound, max: bound }),
  ])
  .refine((f) => !('min' in f) || f.min === null || f.max === null || f.min <= f.max, {
    message: 'min must not exceed max',
  });

export const cameraSchema: z.ZodType<Camera> = z.object({
  position: vec3Schema,
  target: vec3Schema,
  up: vec3Schema.optional(),
});

export const poseSchema: z.ZodType<Pose> = z.object({ position: vec3Schema, target: vec3Schema });

export const annotationSchema: z.ZodType<Annotation> = z
  .object({
    id: idSchema,
    rowIndex: rowIndexSchema.nullable(),
    position: vec3Schema.nullable(),
    text: z.string().max(LIMITS.annotationTextLength),
    author: nameSchema,
    color: colorSchema,
    createdAt: timeSchema,
  })
  .refine((a) => (a.rowIndex === null) !== (a.position === null), {
    message: 'an annotation is pinned to a row or to a position, exactly one',
  });

export const askCitationSchema: z.ZodType<AskCitation> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('column'), column: columnSchema }),
  z.object({ kind: z.literal('cluster'), cluster: clusterIdSchema }),
  z.object({ kind: z.literal('row'), rowIndex: rowIndexSchema }),
]);

export const proposedFilterSchema: z.ZodType<ProposedFilter> = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('range'), column: columnSchema, min: finite.optional(), max: finite.optional() }),
    z.object({
      kind: z.literal('set'),
      column: columnSchema,
      values: z.array(z.union([z.string().max(LIMITS.columnLength), finite, z.boolean(), z.null()])).max(LIMITS.answerSetValues),
    }),
  ])
  .refine((f) => f.kind !== 'range' || f.min === undefined || f.max === undefined || f.min <= f.max, {
    message: 'min must not exceed max',
  });

/** An answer shared to the room; citations and filters are stored as plain JSON values. */
export const sharedAnswerSchema: z.ZodType<SharedAnswer> = z.object({
  id: idSchema,
  question: z.string().min(1).max(LIMITS.questionLength),
  author: nameSchema,
  createdAt: timeSchema,
  answer: z.string().max(LIMITS.answerTextLength),
  citations: z.array(askCitationSchema).max(LIMITS.answerCitations),
  filters: z.array(proposedFilterSchema).max(LIMITS.answerFilters).optional(),
  count: z.number().int().nonnegative().optional(),
  inCloud: z.number().int().nonnegative().optional(),
  source: z.enum(['offline', 'model']),
  note: z.string().max(LIMITS.answerNoteLength).optional(),
});
