// Everything that crosses the worker boundary. Both sides import this file
// with `import type`, so it must hold types only: no values, no DOM-only
// or worker-only types.

import type { FrameScore } from './frameFlags';
import type { HdrTransfer } from './hdr';

/**
 * Which frame a thumbnail shows. `best`: the best-scoring candidate in its
 * slot's window; `fast`: the keyframe at or before its time; `exact`: the
 * frame a player shows at its time.
 */
export type Mode = 'best' | 'fast' | 'exact';

/** The part of a video the thumbnails are spread over, in seconds on the contract's timeline. */
export interface Span {
  start: number;
  end: number;
}
export type EngineName = 'ffmpeg' | 'webcodecs';
export type EnginePreference = 'auto' | EngineName;

/** What probing learns about a file, on the contract's timeline. */
export interface VideoInfo {
  /** Short container name: `mp4`, `matroska`, `webm`, `mpegts`, `avi`, ... */
  container: string;
  /** Short codec name as ffmpeg spells it: `h264`, `hevc`, `vp9`, `av1`, `mpeg2video`, ... */
  codec: string;
  /** Seconds from the container's start time to the end of its longest stream. */
  duration: number;
  /** The container's start time (seconds) that pts values are relative to. */
  startTime: number;
  /** Display size: rotation and sample aspect ratio applied. */
  width: number;
  height: number;
  codedWidth: number;
  codedHeight: number;
  /** Clockwise rotation the player applies, in degrees. */
  rotation: 0 | 90 | 180 | 270;
  /** Average frames per second, if known. */
  frameRate: number | null;
  /** pts of the first displayable frame, the origin of derived frame numbers. */
  firstFramePts: number;
  /** Ticks per second of the video stream's time base (what its pts are counted in). */
  timeBase: number;
  /**
   * Its leading frames are flagged interlaced (two fields woven into one
   * frame), so they are deinterlaced before scaling: from ffprobe's frame
   * flags, or for H.264 read by Mediabunny from its SPS (fields allowed).
   * False when progressive or when the probe cannot tell.
   */
  interlaced: boolean;
  /** HDR transfer function, tone-mapped to SDR BT.709 for thumbnails; null for SDR. */
  hdr: HdrTransfer;
  /** Which demuxer read the metadata: Mediabunny (cheap, has packet metadata) or ffprobe. */
  probedBy: 'mediabunny' | 'ffprobe';
  /** True when every frame's pts is known from the container's index (MP4/MOV sample tables). */
  indexed: boolean;
  /** Whether this browser's WebCodecs can decode the track (false when unknown). */
  webcodecsDecodable: boolean;
}

/** Who a frame is: the same answer whichever engine decoded it. */
export interface FrameIdentity {
  /** Presentation time in seconds on the contract's timeline. */
  pts: number;
  keyframe: boolean;
  /** The frame a player shows at the requested time. */
  exact: boolean;
  /** 0-based position in presentation order, or null when unknown. */
  frameNumber: number | null;
  /** True when frameNumber was computed from pts and frame rate rather than read from an index. */
  frameNumberDerived: boolean;
}

/**
 * What a decode task asks for. `pts`: the frame at exactly this pts (its
 * identity is already known from container metadata). `time`: the frame the
 * mode picks for this time, identity learned while decoding (containers we
 * can only read through ffmpeg). `neighbor`: one frame step from a pts, for
 * the same containers.
 */
export type DecodeTarget =
  | { id: number; kind: 'pts'; pts: number; keyframe: boolean }
  | { id: number; kind: 'time'; time: number }
  /** The frame just after (1) or before (-1) the one at `pts`, for containers without a timeline. */
  | { id: number; kind: 'neighbor'; pts: number; direction: 1 | -1 }
  /** Best mode: whichever of these frames (all in one slot's window) scores best; ties go nearest `time`. */
  | { id: number; kind: 'choice'; time: number; candidates: { pts: number; keyframe: boolean }[] };

/** What an engine decodes: a choice is made in the worker, over its candidates decoded as `pts` targets. */
export type EngineTarget = Exclude<DecodeTarget, { kind: 'choice' }>;

/** Names a file across worker calls, whose structured clones are new File objects each time (see fileKeys.ts). */
export type FileKey = number;

export interface DecodeTask {
  file: File;
  fileKey: FileKey;
  info: VideoInfo;
  engine: EngineName;
  mode: Mode;
  /** Output size in pixels (display aspect, rotation applied). */
  width: number;
  height: number;
  quality: number;
  targets: DecodeTarget[];
}

/** A decode task as an engine gets it. */
export type EngineTask = Omit<DecodeTask, 'targets'> & { targets: EngineTarget[] };

/** What an engine says of a frame it decoded for target `id`. */
export interface FrameFacts {
  id: number;
  /** pts on the contract's timeline (container start subtracted). */
  pts: number;
  keyframe: boolean;
  /** I, P, B, ... as the decoder or bitstream reports it; `?` when unknown. */
  pictType: string;
  /** Only for `time` targets: whether the engine guarantees it is the displayed frame; null when it cannot tell. */
  exact: boolean | null;
  decodeMs: number;
}

/** One decoded, encoded frame, as the page gets it. `jpeg` is transferred, not copied. */
export interface DecodedFrame extends FrameFacts {
  jpeg: ArrayBuffer;
  encodeMs: number;
  /** Measured on the pixels at thumbnail size (see frameFlags.ts). */
  score: FrameScore;
  /** Scoring this frame and (best mode) the candidates it won over: how many, and the time it took. */
  scoring: { frames: number; ms: number };
}

/** Progress from a worker during a decode task; every event resets the watchdog. */
/**
 * Why a target gave no frame, in words for the person: a step past the
 * first or last frame (nothing is wrong: there is no frame that way), or a
 * failure.
 */
export type Miss = { kind: 'no-neighbor'; message: string } | { kind: 'failed'; message: string };

export type WorkerEvent =
  | { type: 'frame'; frame: DecodedFrame }
  | { type: 'miss'; id: number; miss: Miss }
  | { type: 'heartbeat' };

/** Why a file could not be used, as a stable kind the UI can explain. */
export type FailureKind = 'unsupported' | 'no-video' | 'corrupt' | 'empty' | 'too-large' | 'decoder' | 'stalled' | 'internal';

/**
 * Which times prepare() locates, and how. `spread`: `count` thumbnails over
 * `span` (null for the whole video), each in the middle of its slot.
 * `every`: one every `seconds` from the start, the starts of a player's
 * thumbnail cues (see trackCues).
 */
export type TimePlan = { kind: 'spread'; count: number; span: Span | null; mode: Mode } | { kind: 'every'; seconds: number; mode: Exclude<Mode, 'best'> };

export interface PrepareRequest {
  fileKey: FileKey;
  times: TimePlan;
}

/**
 * Probing plus locating: the file's metadata, the requested times, and
 * for each time the frames it may show, as the container's metadata tells:
 * one (its identity is known), several (best mode: the worker's scores
 * choose), or none (the engine learns it while decoding).
 */
export type PrepareOutcome =
  | { ok: true; info: VideoInfo; times: number[]; candidates: FrameIdentity[][] }
  | { ok: false; kind: FailureKind; message: string };

/**
 * Which frame to render. `pts`: a known one. `step`: one frame from a known
 * pts. `time`: what a player shows at `time` (the last frame in
 * presentation order with pts <= time, the first frame before it, the last
 * past the end), or with `keyframe` the nearest keyframe at or before it
 * (cheap to decode: for scrubbing). `frame`: the 0-based frame `number` in
 * presentation order.
 */
export type FrameAt =
  | { kind: 'pts'; pts: number; keyframe: boolean }
  | { kind: 'step'; from: number; direction: 1 | -1 }
  | { kind: 'time'; time: number; keyframe: boolean }
  | { kind: 'frame'; number: number };

export interface FrameRequest {
  file: File;
  fileKey: FileKey;
  info: VideoInfo;
  engine: EngineName;
  at: FrameAt;
  width: number;
  height: number;
  /** One JPEG per quality (the large view compares two). */
  qualities: number[];
}

/** A frame rendered on request (the large view, full-size downloads, an adjusted thumbnail). */
export interface RenderedFrame {
  pts: number;
  keyframe: boolean;
  pictType: string;
  frameNumber: number | null;
  frameNumberDerived: boolean;
  width: number;
  height: number;
  /** In the order of the request's qualities; transferred. */
  jpegs: ArrayBuffer[];
  /** Its scores at the size asked for (a thumbnail moved to this frame shows them). */
  score: FrameScore;
}

/** A contact sheet to draw: one section per video. */
export interface SheetRequest {
  sections: { title: string; details: string; aspect: number; cells: { jpeg: Blob; label: string }[] }[];
  columns: number;
  /** Cell width in pixels; shrunk if the sheet would pass canvas limits. */
  cellWidth: number;
  quality: number;
  /** The shipped font, from our own origin. */
  fonts: { regular: string; bold: string };
}

/**
 * A sprite sheet of a player's thumbnail track to draw: its tiles (JPEGs,
 * already at the tile size) at their places, the rest left black.
 */
export interface SpriteRequest {
  width: number;
  height: number;
  quality: number;
  tiles: { jpeg: Blob; x: number; y: number }[];
}

export type StillFormat = 'jpeg' | 'png' | 'webp' | 'avif';

/** A still image as read and decoded. */
export interface StillInfo {
  format: StillFormat;
  /** Its real size as displayed: EXIF orientation applied, as browsers show it. */
  width: number;
  height: number;
  /** How this browser decoded it (ImageDecoder, at reduced size where it can; or createImageBitmap), and at what size, as displayed. */
  decoder: 'image-decoder' | 'bitmap';
  decodedWidth: number;
  decodedHeight: number;
}

/** A picture of a still: a thumbnail `width` wide, or the whole image fitted into `side` x `side` (never enlarged). */
export interface StillRequest {
  size: { kind: 'width'; width: number } | { kind: 'fit'; side: number };
  quality: number;
}

export type StillOutcome =
  | {
      ok: true;
      still: StillInfo;
      /** The picture, transferred; its size; its scores (as a thumbnail's). */
      jpeg: ArrayBuffer;
      width: number;
      height: number;
      score: FrameScore;
      readMs: number;
      decodeMs: number;
      encodeMs: number;
    }
  | { ok: false; kind: FailureKind; message: string };

/** What the core compiler worker posts back. */
export type CoreCompileResult = { ok: true; module: WebAssembly.Module } | { ok: false; message: string };

/** What a pool worker does, called through comlink. */
export interface ThumbWorkerApi {
  /** `getCoreModule` hands out the compiled ffmpeg core, compiled once on the main thread on first need. */
  init(getCoreModule: () => Promise<WebAssembly.Module>): void;
  /**
   * Opens the file and reads its index ahead of the jobs that will need it
   * (the prepare, the decodes), while the page is still fingerprinting it.
   * Never fails: a file it cannot open is left for those jobs to report.
   */
  openAhead(file: File, fileKey: FileKey): Promise<void>;
  /**
   * Instantiates the ffmpeg core ahead of the first file that needs it
   * (init() first), and decodes the clip at `clipUrl`, if given, so that V8
   * optimises the decoder's hot code before it is needed.
   */
  warmFfmpeg(clipUrl?: string): Promise<void>;
  /** `onProgress`: every read ffprobe makes from the file, for the watchdog. */
  prepare(file: File, request: PrepareRequest, onProgress?: () => void): Promise<PrepareOutcome>;
  decode(task: DecodeTask, onEvent: (event: WorkerEvent) => unknown): Promise<void>;
  contactSheet(request: SheetRequest): Promise<{ jpeg: ArrayBuffer; width: number; height: number }>;
  /** A picture of a still image (JPEG, PNG, WebP, AVIF), decoded at reduced size where it can be. `onProgress`: reads of the file, for the watchdog. */
  still(file: File, request: StillRequest, onProgress?: () => void): Promise<StillOutcome>;
  /** One sprite sheet of a player's thumbnail track, drawn and MozJPEG-encoded. */
  sprite(request: SpriteRequest): Promise<ArrayBuffer>;
  /** Null when a step has nowhere to go (the first or last frame) or a frame number is out of range. `onProgress` feeds the watchdog. */
  renderFrame(request: FrameRequest, onProgress?: () => void): Promise<RenderedFrame | null>;
}
