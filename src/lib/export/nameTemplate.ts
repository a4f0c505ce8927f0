// The posters' file-name template: `{stem}_{time}.jpg` and the like. Pure.
// A template is checked before anything is made, and refused with the
// reason; what it makes is always a legal file name.
import { trimNameEdges, UNSAFE_IN_NAMES as UNSAFE, videoStem } from './names';

export const DEFAULT_TEMPLATE = '{stem}_{time}.jpg';

export const TEMPLATE_FIELDS = ['stem', 'time', 'frame', 'index', 'width'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** What each field becomes, for the help text. */
export const FIELD_HELP: Record<TemplateField, string> = {
  stem: 'video name',
  time: 'hh-mm-ss.mmm',
  frame: 'frame number',
  index: 'place in the list: 001, 002, …',
  width: 'width in px',
};

type Part = { text: string } | { field: TemplateField };

export type ParsedTemplate = { ok: true; parts: Part[]; removed: string[] } | { ok: false; reason: string };

const MAX_LENGTH = 200;
const FIELD_LIST = `${TEMPLATE_FIELDS.slice(0, -1).map((f) => `{${f}}`).join(', ')} or {${TEMPLATE_FIELDS.at(-1)}}`;

/**
 * Checks a template and splits it into text and fields. Refused: an empty
 * one, an unclosed `{` or a stray `}`, an unknown field, and one whose
 * names would not end in `.jpg` (or `.jpeg`). Characters a file name
 * cannot hold are left out of the text, and said (`removed`).
 */
export function parseTemplate(template: string): ParsedTemplate {
  if (template.trim() === '') return { ok: false, reason: 'The template is empty: type how the posters are named, e.g. {stem}_{time}.jpg.' };
  if (template.length > MAX_LENGTH) return { ok: false, reason: `The template is longer than ${MAX_LENGTH} characters.` };
  const parts: Part[] = [];
  const removed = new Set<string>();
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{', at);
    const close = template.indexOf('}', at);
    if (close >= 0 && (open < 0 || close < open)) return { ok: false, reason: `The “}” at character ${close + 1} closes nothing: fields are written like {stem}.` };
    const text = template.slice(at, open < 0 ? template.length : open);
    if (text) {
      for (const c of text.match(UNSAFE) ?? []) removed.add(c);
      parts.push({ text: text.replace(UNSAFE, '') });
    }
    if (open < 0) break;
    const end = template.indexOf('}', open);
    if (end < 0) return { ok: false, reason: `The “{” at character ${open + 1} is not closed: fields are written like {stem}.` };
    const name = template.slice(open + 1, end);
    if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) return { ok: false, reason: `{${name}} is not a field: use ${FIELD_LIST}.` };
    parts.push({ field: name as TemplateField });
    at = end + 1;
  }
  const last = parts.at(-1);
  if (!last || !('text' in last) || !/\.jpe?g$/i.test(last.text)) return { ok: false, reason: 'Names must end in .jpg: the posters are JPEG files.' };
  return { ok: true, parts, removed: [...removed] };
}

/** What the fields stand for, for one poster. */
export interface TemplateValues {
  /** The video's file name. */
  videoName: string;
  /** The frame's time, formatted (fileTime). */
  time: string;
  frame: number | null;
  /** 1-based, and how many there are (for the padding). */
  index: number;
  count: number;
  width: number;
}

/** Windows refuses these as names, whatever follows the dot. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/** A poster's file name from a parsed template: always a legal name, never empty before its extension. */
export function fillTemplate(parts: readonly Part[], values: TemplateValues): string {
  const field: Record<TemplateField, () => string> = {
    stem: () => videoStem(values.videoName),
    time: () => values.time,
    frame: () => (values.frame === null ? 'unknown' : String(values.frame)),
    index: () => String(values.index).padStart(Math.max(3, String(values.count).length), '0'),
    width: () => String(values.width),
  };
  const raw = parts.map((part) => ('text' in part ? part.text : field[part.field]())).join('');
  // parseTemplate saw to the extension and the text; the whole is made safe once more, and its edges trimmed.
  const extension = /\.jpe?g$/i.exec(raw)?.[0] ?? '.jpg';
  let base = trimNameEdges(raw.slice(0, raw.length - extension.length).replace(UNSAFE, ''));
  if (base === '') base = 'poster';
  if (RESERVED.test(base)) base = `_${base}`;
  return `${base.slice(0, MAX_LENGTH)}${extension}`;
}
