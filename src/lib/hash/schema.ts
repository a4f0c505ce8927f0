// The hash's schema: every key a flat string, validated and converted with
// valibot. Numbers out of range are clamped; anything else invalid falls
// back to its default, key by key, so one bad value never spoils the rest.
import * as v from 'valibot';
import { clampInt, SETTING_FIELDS, type Settings } from '../settings';
import type { Span } from '../../shared/types';
import type { View } from './view';

/** A plain decimal number: no exponents, no hex, no Infinity, no spaces. */
const DECIMAL = /^-?\d{1,30}(\.\d{1,30})?$/;
/** Upper bound for from/to: ten years of video is not a real request. */
export const MAX_SECONDS = 315_360_000;
/** Longest search text kept; the hash as a whole is capped at 4 KB anyway. */
export const MAX_SEARCH = 500;

const number = v.pipe(v.string(), v.regex(DECIMAL), v.transform(Number));

// A missing key fails the string check like any invalid value, so every
// field is its validation plus a fallback: no separate "optional" case.

const integer = (min: number, max: number, fallback: number) =>
  v.fallback(
    v.pipe(
      number,
      v.transform((x) => clampInt(x, min, max)),
    ),
    fallback,
  );

const seconds = v.fallback(
  v.pipe(
    number,
    v.transform((x): number | null => Math.round(Math.min(MAX_SECONDS, Math.max(0, x)) * 1000) / 1000),
  ),
  null,
);

const flag = v.fallback(
  v.pipe(
    v.literal('1'),
    v.transform((): boolean => true),
  ),
  false,
);

/** A video id as the fingerprint makes it (size in base 36, a dash, 16 hex digits), or any similar short token. */
const VIDEO_ID = /^[0-9a-z][0-9a-z_-]{0,127}$/i;
/** `a-b` in seconds, a < b. */
const SPAN = /^(\d{1,30}(?:\.\d{1,30})?)-(\d{1,30}(?:\.\d{1,30})?)$/;

const video = v.fallback(
  v.pipe(
    v.string(),
    v.regex(VIDEO_ID),
    v.transform((id): string | null => id),
  ),
  null,
);

const span = v.fallback(
  v.pipe(
    v.string(),
    v.regex(SPAN),
    v.transform((text): Span | null => {
      const [start, end] = text.split('-').map((x) => Math.round(Math.min(MAX_SECONDS, Number(x)) * 1000) / 1000) as [number, number];
      return start < end ? { start, end } : null;
    }),
  ),
  null,
);

/** An integer setting, clamped to its range in the settings' table. */
const integerSetting = (key: 'count' | 'width' | 'quality' | 'workers', defaults: Settings) => integer(SETTING_FIELDS[key].min, SETTING_FIELDS[key].max, defaults[key]);
/** A choice setting: one of its choices in the table, or the default. */
const choiceSetting = <K extends 'mode' | 'engine'>(key: K, defaults: Settings) => v.fallback(v.picklist(SETTING_FIELDS[key].choices as readonly Settings[K][]), defaults[key]);

/** The schema for one machine's defaults (the worker count depends on its cores). */
export function hashSchema(defaults: View) {
  const { settings } = defaults;
  return v.object({
    count: integerSetting('count', settings),
    width: integerSetting('width', settings),
    quality: integerSetting('quality', settings),
    mode: choiceSetting('mode', settings),
    workers: integerSetting('workers', settings),
    engine: choiceSetting('engine', settings),
    search: v.fallback(v.pipe(v.string(), v.maxLength(MAX_SEARCH)), ''),
    from: seconds,
    to: seconds,
    picked: flag,
    video,
    span,
    at: seconds,
  });
}
