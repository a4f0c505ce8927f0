// posters.json: what each poster is (its video, its frame, its size) and
// which videos have none, beside the posters in the ZIP or the folder.
// Pure; read back (loosely checked) when posters are written into a folder
// again, to know which files there are ours.
import * as v from 'valibot';
import type { ExportSize } from './exports';
import type { FrameFacts } from './sidecar';

export interface PosterRecord extends FrameFacts {
  /** The file written; `renamedFrom` is what the template made when that name was taken. */
  file: string;
  renamedFrom: string | null;
  /** The video's file name, and its fingerprint (two files can share a name). */
  source: string;
  fingerprint: string;
  chosen: 'pick' | 'suggestion';
  /** The thumbnail's place in its video (or zoomed view). */
  index: number;
  /** `thumbnail`, or `full` when rendered again at the video's own resolution. */
  size: ExportSize;
}

export interface PostersJson {
  generator: 'Framepick';
  created: string;
  template: string;
  size: ExportSize;
  posters: PosterRecord[];
  /** Videos with neither a pick nor a suggestion, and why. */
  without: { source: string; fingerprint: string; reason: string }[];
}

export function postersJson(fields: Omit<PostersJson, 'generator' | 'created'>, created: Date): PostersJson {
  return { generator: 'Framepick', created: created.toISOString(), ...fields };
}

const earlier = v.looseObject({
  generator: v.literal('Framepick'),
  posters: v.array(v.looseObject({ file: v.string(), fingerprint: v.string(), pts: v.number(), size: v.picklist(['thumbnail', 'full']), quality: v.nullable(v.number()), bytes: v.number() })),
});

export type EarlierPoster = v.InferOutput<typeof earlier>['posters'][number];

/** The posters an earlier posters.json lists, by file name (lower case); null when the text is not one of ours. */
export function readPostersJson(text: string): Map<string, EarlierPoster> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const result = v.safeParse(earlier, parsed);
  if (!result.success) return null;
  return new Map(result.output.posters.map((p) => [p.file.toLowerCase(), p]));
}
