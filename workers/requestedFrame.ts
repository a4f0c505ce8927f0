// One frame on request, at any size, encoded at one or more qualities: the
// large view (full resolution, stepping, quality comparison), full-size
// downloads, and thumbnails adjusted to a stepped-to frame.
import { deriveFrameNumber } from '../src/shared/identity';
import type { EngineTarget, FrameRequest, Miss, RenderedFrame } from '../src/shared/types';
import type { FrameEngine, RawFrame } from './engine';
import { frameNumberOf } from './frames/timeline';
import { encodeJpeg } from './jpeg';
import { openVideo } from './openedVideos';

/** The last frame decoded, so a change of quality re-encodes without decoding again. */
let lastDecoded: { key: string; frame: RawFrame } | null = null;
const fileIds = new WeakMap<File, number>();
let nextFileId = 0;

function frameKey(file: File, pts: number, width: number, height: number): string {
  let id = fileIds.get(file);
  if (id === undefined) {
    id = nextFileId++;
    fileIds.set(file, id);
  }
  return `${id}|${pts}|${width}x${height}`;
}

export async function requestedFrame(request: FrameRequest, engine: FrameEngine, progress: () => void): Promise<RenderedFrame | null> {
  const { file, info, width, height } = request;
  const video = await openVideo(file);
  const timeline = video ? await video.timeline() : null;
  let target: EngineTarget;
  if (request.at.kind === 'pts') {
    target = { id: 0, kind: 'pts', pts: request.at.pts, keyframe: request.at.keyframe };
  } else if (timeline) {
    const next = await timeline.neighbor(request.at.from, request.at.direction);
    if (!next) return null;
    target = { id: 0, kind: 'pts', pts: next.pts, keyframe: next.keyframe };
  } else {
    target = { id: 0, kind: 'neighbor', pts: request.at.from, direction: request.at.direction };
  }

  const key = target.kind === 'pts' ? frameKey(file, target.pts, width, height) : null;
  let frame = key !== null && lastDecoded?.key === key ? lastDecoded.frame : null;
  if (!frame) {
    const missed: { miss: Miss | null } = { miss: null };
    await engine.decode(
      { file, info, engine: request.engine, mode: 'exact', width, height, quality: request.qualities[0] ?? 80, targets: [target] },
      {
        frame: async (raw) => {
          frame = raw;
        },
        miss: (_id, miss) => (missed.miss = miss),
        progress,
      },
    );
    if (!frame) {
      const { miss } = missed;
      if (request.at.kind === 'step' && miss?.kind === 'no-neighbor') return null;
      throw new Error(miss?.message ?? 'The frame could not be decoded.');
    }
    const decoded: RawFrame = frame;
    lastDecoded = { key: frameKey(file, decoded.pts, width, height), frame: decoded };
  }
  const shown: RawFrame = frame;
  // A pts target's own pts is exact (the index's); the decoder's matched it
  // within a tolerance but is printed with 6 significant digits.
  const pts = target.kind === 'pts' ? target.pts : shown.pts;
  const first = info.firstFramePts;
  const number = timeline ? frameNumberOf(timeline, pts, first) : { frameNumber: deriveFrameNumber(pts, first, info.frameRate), frameNumberDerived: true };
  const jpegs: ArrayBuffer[] = [];
  for (const quality of request.qualities) jpegs.push(await encodeJpeg(shown.rgba, width, height, quality));
  return { pts, keyframe: shown.keyframe, pictType: shown.pictType, ...number, width, height, jpegs };
}
