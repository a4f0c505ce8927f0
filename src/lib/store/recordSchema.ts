// What a stored record must look like to be shown, checked with valibot
// when the library loads: one damaged or foreign record is set aside, the
// rest loads. The checks gate, they do not transform: a record that passes
// is used as it was stored. Fields added since the first version are
// optional, so records written by any earlier version still load.
import * as v from 'valibot';

/** Written into every record; a record without one is from before it (the same shape as 1). */
export const RECORD_VERSION = 1;

const version = v.optional(v.literal(RECORD_VERSION));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const finite = v.pipe(v.number(), v.finite());

const settings = v.looseObject({
  count,
  width: count,
  quality: count,
  mode: v.picklist(['best', 'fast', 'exact']),
  engine: v.picklist(['auto', 'ffmpeg', 'webcodecs']),
});

const info = v.looseObject({
  container: v.string(),
  codec: v.string(),
  duration: finite,
  startTime: finite,
  width: count,
  height: count,
  rotation: v.picklist([0, 90, 180, 270]),
  frameRate: v.nullable(finite),
  timeBase: finite,
  interlaced: v.optional(v.boolean()),
  hdr: v.optional(v.nullable(v.picklist(['pq', 'hlg']))),
});

const still = v.looseObject({
  format: v.picklist(['jpeg', 'png', 'webp', 'avif']),
  width: count,
  height: count,
  decoder: v.picklist(['image-decoder', 'bitmap']),
  decodedWidth: count,
  decodedHeight: count,
});

const timings = v.looseObject({ prepareMs: finite, decodeMs: finite, encodeMs: finite, totalMs: finite });

const span = v.looseObject({ start: finite, end: finite });

export const videoRecord = v.looseObject({
  v: version,
  id: v.pipe(v.string(), v.minLength(1)),
  kind: v.optional(v.picklist(['video', 'image'])),
  parentId: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1)))),
  span: v.optional(v.nullable(span)),
  name: v.string(),
  size: count,
  lastModified: finite,
  addedAt: finite,
  info: v.nullable(info),
  still: v.optional(v.nullable(still)),
  engine: v.nullable(v.picklist(['ffmpeg', 'webcodecs'])),
  fallback: v.optional(v.nullable(v.string())),
  settings: v.nullable(settings),
  state: v.picklist(['queued', 'probing', 'extracting', 'done', 'error', 'cancelled']),
  error: v.nullable(v.string()),
  total: count,
  misses: v.array(v.looseObject({ index: count, reason: v.string() })),
  timings: v.nullable(timings),
});

const identity = v.looseObject({
  pts: finite,
  keyframe: v.boolean(),
  exact: v.boolean(),
  frameNumber: v.nullable(v.number()),
  frameNumberDerived: v.boolean(),
});

/** A thumbnail as stored: the JPEG as bytes (a Blob in records written before that). */
export const storedThumb = v.looseObject({
  v: version,
  videoId: v.pipe(v.string(), v.minLength(1)),
  index: count,
  time: finite,
  identity,
  pictType: v.string(),
  score: v.optional(v.nullable(v.looseObject({ mean: finite, spread: finite, sharpness: finite, hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)) }))),
  jpeg: v.union([v.instance(ArrayBuffer), v.instance(Blob)]),
  width: count,
  height: count,
  picked: v.boolean(),
  adjustedFrom: v.optional(finite),
});

export const activityRecord = v.looseObject({
  v: version,
  at: v.string(),
  kind: v.string(),
  video: v.nullable(v.string()),
  message: v.string(),
  details: v.nullable(v.record(v.string(), v.unknown())),
});

/** Why `record` cannot be shown (valibot's first complaint, with where), or null when it can. */
export function recordProblem(schema: v.GenericSchema, record: unknown): string | null {
  const result = v.safeParse(schema, record);
  if (result.success) return null;
  const issue = result.issues[0];
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
