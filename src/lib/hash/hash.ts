// Reading and writing the URL hash. Pure: no DOM, no history.
//
// The hash is `#` then application/x-www-form-urlencoded pairs, keys in the
// contract's order, defaults left out. Reading never throws: unknown keys
// are dropped, invalid values fall back to their defaults, and a hash over
// 4 KB is ignored whole. Only the known keys are ever looked up, one by one,
// so no key from the URL becomes a property name anywhere.
import * as v from 'valibot';
import { hashSchema } from './schema';
import { SETTING_KEYS } from '../settings';
import { HASH_KEYS, NO_FOCUS, type View } from './view';

export const MAX_HASH_LENGTH = 4096;

const schemas = new WeakMap<View, ReturnType<typeof hashSchema>>();

function schemaFor(defaults: View): ReturnType<typeof hashSchema> {
  let schema = schemas.get(defaults);
  if (!schema) {
    schema = hashSchema(defaults);
    schemas.set(defaults, schema);
  }
  return schema;
}

export function parseHash(hash: string, defaults: View): View {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length === 0 || text.length > MAX_HASH_LENGTH) return defaults;
  const params = new URLSearchParams(text);
  const raw = new Map<string, string>();
  for (const key of HASH_KEYS) {
    const value = params.get(key);
    if (value !== null) raw.set(key, value);
  }
  const result = v.safeParse(schemaFor(defaults), Object.fromEntries(raw));
  if (!result.success) return defaults;
  const { search, from, to, picked, video, span, at, ...settings } = result.output;
  // A span and an open frame belong to one video.
  const focus = video === null ? NO_FOCUS : { video, span, at };
  return { settings, filters: { search, from, to, picked }, focus };
}

/** The canonical hash for a view, with its `#`, or '' when everything is default. */
export function serializeHash(view: View, defaults: View): string {
  const params = new URLSearchParams();
  const { settings: s, filters: f } = view;
  const d = defaults;
  for (const key of SETTING_KEYS) if (s[key] !== d.settings[key]) params.append(key, String(s[key]));
  if (f.search !== '') params.append('search', f.search);
  if (f.from !== null) params.append('from', String(f.from));
  if (f.to !== null) params.append('to', String(f.to));
  if (f.picked) params.append('picked', '1');
  const { video, span, at } = view.focus;
  if (video !== null) {
    params.append('video', video);
    if (span) params.append('span', `${span.start}-${span.end}`);
    if (at !== null) params.append('at', String(at));
  }
  const text = params.toString();
  return text ? `#${text}` : '';
}
