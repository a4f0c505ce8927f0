// Frame identity learned while decoding, for containers whose metadata
// could not tell us in advance. Shared with the workers.
import { onStreamTick } from './ticks';
import type { DecodedFrame, FrameIdentity, Mode, VideoInfo } from './types';

/** Frame number from pts and frame rate, for containers without a full index. */
export function deriveFrameNumber(pts: number, firstPts: number, frameRate: number | null): number | null {
  // The first frame is frame 0 whatever the rate (a 1-frame ASF states none).
  if (Math.abs(pts - firstPts) < 1e-6) return 0;
  if (!frameRate || !Number.isFinite(frameRate) || frameRate <= 0) return null;
  return Math.max(0, Math.round((pts - firstPts) * frameRate));
}

/**
 * Identity of a frame decoded for a requested time (best mode decodes
 * these as exact mode does). In fast mode ffmpeg
 * stops at the keyframe, so whether a later frame would be displayed at
 * `time` (on the stream's tick) is judged from the frame rate: exact when
 * it falls within the keyframe's own frame duration.
 */
export function identityFromDecoded(frame: DecodedFrame, time: number, info: VideoInfo, mode: Mode): FrameIdentity {
  const frameDuration = info.frameRate ? 1 / info.frameRate : 0;
  const t = onStreamTick(time, info);
  const exact = frame.exact ?? (mode !== 'fast' || (frame.pts <= t + 1e-6 && t - frame.pts < frameDuration - 1e-6));
  return {
    pts: frame.pts,
    keyframe: frame.keyframe,
    exact,
    frameNumber: deriveFrameNumber(frame.pts, info.firstFramePts, info.frameRate),
    frameNumberDerived: true,
  };
}
