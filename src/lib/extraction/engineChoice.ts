// Which engine decodes a file. Pure.
import type { EngineName, EnginePreference, VideoInfo } from '../../shared/types';

/** Codecs the published single-thread ffmpeg core cannot decode (its AV1 decoder is hardware-only). */
const FFMPEG_CANNOT_DECODE: ReadonlySet<string> = new Set(['av1']);

export type EngineChoice = { ok: true; engine: EngineName } | { ok: false; message: string };

export function ffmpegCanDecode(info: Pick<VideoInfo, 'codec'>): boolean {
  return !FFMPEG_CANNOT_DECODE.has(info.codec);
}

/**
 * `auto`: WebCodecs where this browser accepts the track (native speed, no
 * 31 MB core), else ffmpeg.wasm; interlaced video goes to ffmpeg.wasm too,
 * which deinterlaces it (WebCodecs hands over both fields woven: 25 dB to
 * the deinterlaced frame at thumbnail size). `ffmpeg` and `webcodecs`
 * force one, and say clearly when it cannot decode the file.
 */
export function chooseEngine(info: Pick<VideoInfo, 'codec' | 'container' | 'webcodecsDecodable' | 'interlaced'>, preference: EnginePreference): EngineChoice {
  const codec = info.codec.toUpperCase();
  const wovenByWebCodecs = preference === 'auto' && info.interlaced && ffmpegCanDecode(info);
  if (preference !== 'ffmpeg' && info.webcodecsDecodable && !wovenByWebCodecs) return { ok: true, engine: 'webcodecs' };
  if (preference === 'webcodecs') {
    return { ok: false, message: `This browser's WebCodecs cannot decode this video (${codec} in ${info.container}). Choose the ffmpeg or auto engine.` };
  }
  if (!ffmpegCanDecode(info)) {
    const hint = preference === 'ffmpeg' ? ' Choose the auto engine to use WebCodecs where the browser supports it.' : ' This browser cannot decode it through WebCodecs either.';
    return { ok: false, message: `This video is ${codec}, which ffmpeg.wasm cannot decode (it has no software ${codec} decoder).${hint}` };
  }
  return { ok: true, engine: 'ffmpeg' };
}

/**
 * Whether a dropped file will probably need ffmpeg.wasm, guessed from its
 * name before it is probed, so the 31 MB core can compile meanwhile. Files
 * in containers WebCodecs usually handles wait for the probe to decide.
 */
export function likelyNeedsFfmpeg(name: string, preference: EnginePreference): boolean {
  if (preference === 'ffmpeg') return true;
  if (preference === 'webcodecs') return false;
  return !/\.(mp4|m4v|mov|webm|mkv)$/i.test(name);
}
