// Which engine decodes a file. Pure.
import type { EngineName, VideoInfo } from './types';

/** Codecs the published single-thread ffmpeg core cannot decode (its AV1 decoder is hardware-only). */
const FFMPEG_CANNOT_DECODE: ReadonlySet<string> = new Set(['av1']);

export type EngineChoice = { ok: true; engine: EngineName } | { ok: false; message: string };

export function chooseEngine(info: Pick<VideoInfo, 'codec'>): EngineChoice {
  if (FFMPEG_CANNOT_DECODE.has(info.codec)) {
    return { ok: false, message: `This video is ${info.codec.toUpperCase()}, which ffmpeg.wasm cannot decode (it has no software ${info.codec.toUpperCase()} decoder).` };
  }
  return { ok: true, engine: 'ffmpeg' };
}
