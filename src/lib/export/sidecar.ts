// frames.json: what every exported JPEG is, and the videos they come from. Pure.
import type { ExtractionSettings } from '../extraction/extraction';
import type { Flag } from '../../shared/frameFlags';
import type { EngineName, FrameIdentity, Span, StillFormat, StillInfo, VideoInfo } from '../../shared/types';
import type { MediaKind } from '../mediaKind';

export interface ExportedFrame {
  video: { id: string; kind: MediaKind; name: string; size: number; info: VideoInfo | null; still: StillInfo | null; engine: EngineName | null; settings: ExtractionSettings | null };
  file: string;
  index: number;
  time: number;
  identity: FrameIdentity;
  pictType: string;
  width: number;
  height: number;
  bytes: number;
  /** Null for a still's original file. */
  quality: number | null;
  /** The zoomed span it was made in; null for the whole video. */
  span: Span | null;
  flags: Flag[];
  /** Null for a thumbnail stored before scoring existed. */
  sharpness: number | null;
  suggested: boolean;
}

export interface FramesJson {
  generator: string;
  created: string;
  videos: {
    /** The file's fingerprint: two files can share a name. */
    id: string;
    /** `image` for a still (its `format` set; no container, codec or duration). */
    kind: MediaKind;
    format: StillFormat | null;
    name: string;
    size: number;
    container: string | null;
    codec: string | null;
    duration: number | null;
    width: number | null;
    height: number | null;
    frameRate: number | null;
    rotation: number | null;
    engine: EngineName | null;
    settings: ExtractionSettings | null;
  }[];
  frames: (FrameFacts & {
    /** The video's name, and its id in `videos`. */
    video: string;
    videoId: string;
    file: string;
    index: number;
    span: Span | null;
    flags: Flag[];
    sharpness: number | null;
    suggested: boolean;
  })[];
}

export function framesJson(frames: readonly ExportedFrame[], created: Date): FramesJson {
  const videos = new Map<string, FramesJson['videos'][number]>();
  for (const { video } of frames) {
    if (videos.has(video.id)) continue;
    const info = video.info;
    videos.set(video.id, {
      id: video.id,
      kind: video.kind,
      format: video.still?.format ?? null,
      name: video.name,
      size: video.size,
      container: info?.container ?? null,
      codec: info?.codec ?? null,
      duration: info?.duration ?? null,
      width: info?.width ?? video.still?.width ?? null,
      height: info?.height ?? video.still?.height ?? null,
      frameRate: info?.frameRate ?? null,
      rotation: info?.rotation ?? null,
      engine: video.engine,
      settings: video.settings,
    });
  }
  return {
    generator: 'Framepick',
    created: created.toISOString(),
    videos: [...videos.values()],
    frames: frames.map((f) => ({
      video: f.video.name,
      videoId: f.video.id,
      file: f.file,
      index: f.index,
      ...frameFacts(f, f),
      span: f.span,
      flags: f.flags,
      sharpness: f.sharpness,
      suggested: f.suggested,
    })),
  };
}

/** What an exported JPEG shows and is, as frames.json and posters.json both say it. */
export interface FrameFacts {
  requestedTime: number;
  pts: number;
  frameNumber: number | null;
  frameNumberDerived: boolean;
  keyframe: boolean;
  exact: boolean;
  pictType: string;
  width: number;
  height: number;
  bytes: number;
  /** Null for a still's original file, taken as it is. */
  quality: number | null;
}

/** `thumb`'s frame, made as `made`. */
export function frameFacts(thumb: { time: number; identity: FrameIdentity; pictType: string }, made: { width: number; height: number; bytes: number; quality: number | null }): FrameFacts {
  const { identity } = thumb;
  return {
    requestedTime: thumb.time,
    pts: identity.pts,
    frameNumber: identity.frameNumber,
    frameNumberDerived: identity.frameNumberDerived,
    keyframe: identity.keyframe,
    exact: identity.exact,
    pictType: thumb.pictType,
    width: made.width,
    height: made.height,
    bytes: made.bytes,
    quality: made.quality,
  };
}
