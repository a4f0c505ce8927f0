// The extraction settings of the contract: one table of fields (ranges,
// choices) that the inputs, the hash's schema and serializer, the
// normalisation and the "stale" check all read. Pure.
import type { EnginePreference, Mode } from '../shared/types';

export interface Settings {
  count: number;
  width: number;
  quality: number;
  mode: Mode;
  workers: number;
  engine: EnginePreference;
}

/** What a run is made with: every setting but how many workers make it. */
export type ExtractionSettings = Omit<Settings, 'workers'>;

export const MODES: readonly Mode[] = ['best', 'fast', 'exact'];
export const ENGINES: readonly EnginePreference[] = ['auto', 'ffmpeg', 'webcodecs'];

type IntegerField = { kind: 'integer'; min: number; max: number };
type ChoiceField<T extends string> = { kind: 'choice'; choices: readonly T[] };

/** Every setting, in the hash's (the contract's) order. */
export const SETTING_FIELDS = {
  count: { kind: 'integer', min: 1, max: 1000 },
  width: { kind: 'integer', min: 32, max: 3840 },
  quality: { kind: 'integer', min: 1, max: 100 },
  mode: { kind: 'choice', choices: MODES },
  workers: { kind: 'integer', min: 1, max: 16 },
  engine: { kind: 'choice', choices: ENGINES },
} as const satisfies { [K in keyof Settings]: Settings[K] extends number ? IntegerField : ChoiceField<Settings[K] & string> };

export type SettingKey = keyof typeof SETTING_FIELDS;
export const SETTING_KEYS = Object.keys(SETTING_FIELDS) as SettingKey[];
const EXTRACTION_KEYS = SETTING_KEYS.filter((key): key is Exclude<SettingKey, 'workers'> => key !== 'workers');

/** The integer settings' ranges, for the inputs. */
export const LIMITS = {
  count: SETTING_FIELDS.count,
  width: SETTING_FIELDS.width,
  quality: SETTING_FIELDS.quality,
  workers: SETTING_FIELDS.workers,
} as const;

/**
 * Workers by default: one per core, at most 4. On our 2-core machines the
 * benchmark is fastest with 2 (decode and encode of one batch overlap the
 * other's); past the core count, workers only add memory.
 */
export function defaultWorkers(hardwareConcurrency: number | undefined): number {
  return clampInt(hardwareConcurrency ?? 2, 1, 4);
}

export function defaultSettings(hardwareConcurrency?: number): Settings {
  return { count: 15, width: 320, quality: 80, mode: 'best', workers: defaultWorkers(hardwareConcurrency), engine: 'auto' };
}

export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** `value` as setting `key` takes it: an integer clamped to its range, a choice it offers, or else `fallback`. */
function normalizeField<K extends SettingKey>(key: K, value: Settings[K], fallback: Settings[K]): Settings[K] {
  const field: IntegerField | ChoiceField<string> = SETTING_FIELDS[key];
  if (field.kind === 'integer') return clampInt(value as number, field.min, field.max) as Settings[K];
  return (field.choices.includes(value as string) ? value : fallback) as Settings[K];
}

/** Brings every field into its range (a number typed into an input can be anything). */
export function normalizeSettings(input: Settings, fallback: Settings): Settings {
  const out = { ...fallback };
  for (const key of SETTING_KEYS) (out as Record<SettingKey, unknown>)[key] = normalizeField(key, input[key], fallback[key]);
  return out;
}

/** The settings a run started now is made with. */
export function extractionSettings(settings: Settings): ExtractionSettings {
  const { workers: _workers, ...rest } = settings;
  return rest;
}

/** Whether a run made with `a` gives what one with `b` would (the worker count changes only the speed). */
export function sameExtraction(a: ExtractionSettings | null, b: ExtractionSettings): boolean {
  return a !== null && EXTRACTION_KEYS.every((key) => a[key] === b[key]);
}

/** Whether a still's thumbnail made with `a` is the one `b` would make: only the width and the quality shape it. */
export function sameStill(a: ExtractionSettings | null, b: ExtractionSettings): boolean {
  return a !== null && a.width === b.width && a.quality === b.quality;
}
