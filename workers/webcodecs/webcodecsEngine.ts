// Decoding with the browser's WebCodecs, packets read by Mediabunny. For
// each target: from the keyframe at or before it, feed packets in decode
// order up to and including the target's own packet, then flush. Nothing
// after the target is decoded; a fast-mode keyframe is one packet.
import type { EncodedPacket, EncodedPacketSink } from 'mediabunny';
import { hdrTransfer } from '../../src/shared/hdr';
import type { DecodeTarget, EngineTask } from '../../src/shared/types';
import { failed, type DecodeCallbacks, type FrameEngine } from '../engine';
import { keyPacketAtOrBefore } from '../frames/keyPackets';
import { PTS_EPSILON } from '../frames/timeline';
import { openVideo } from '../openedVideos';
import { frameToRgba } from './drawFrame';
import { avcNalLengthSize, h264IsReference, h264PictureType } from './pictureType';
import { ReusableDecoder } from './reusableDecoder';

/** A frame and its packet match within this (timestamps are microseconds after conversion). */
const MATCH_SECONDS = 0.0005;
/** Packets walked from a keyframe before giving up on finding the target's. */
const MAX_PACKETS = 20_000;

/** A target on its way through the decoder. */
interface Wanted {
  target: Extract<DecodeTarget, { kind: 'pts' }>;
  absolute: number;
  pictType: string;
  settled: boolean;
}

export class WebCodecsEngine implements FrameEngine {
  private readonly decoder = new ReusableDecoder();

  /**
   * One decoder run for the whole task: each target's packets (from its
   * keyframe) are fed back to back and the decoder is flushed once, where
   * a run per target waited out the decoder's pipeline at every flush.
   * Frames are matched to targets by timestamp and converted between
   * targets, while the decoder works on the next ones. Fast mode, 10-minute
   * 1080p bench file, 4 keyframes a task against 1: 1.48-1.50 s against
   * 1.51-1.58 s, and 2.83-2.86 s of the browser's CPU against 2.88-2.91.
   */
  async decode(task: EngineTask, callbacks: DecodeCallbacks): Promise<void> {
    const video = await openVideo(task.file, task.fileKey);
    const config = video ? await video.track.getDecoderConfig() : null;
    if (!video || !config) throw new Error('WebCodecs cannot read this file (no decoder configuration for its video track).');
    video.readAhead(task.mode === 'exact');
    const { info } = task;
    const bitstream = bitstreamReader(info.codec, config);
    const wanted: Wanted[] = [];
    for (const target of task.targets) {
      if (target.kind === 'pts') wanted.push({ target, absolute: target.pts + info.startTime, pictType: '?', settled: false });
      else callbacks.miss(target.id, failed('WebCodecs decodes only frames located in the container.'));
    }
    if (wanted.length === 0) return;

    // Matched frames wait here for conversion; each is closed once converted.
    const ready: Array<{ wanted: Wanted; frame: VideoFrame }> = [];
    let since = performance.now();
    const convertReady = async () => {
      for (let next = ready.shift(); next; next = ready.shift()) {
        const { wanted: w, frame: found } = next;
        let rgba: Uint8ClampedArray<ArrayBuffer>;
        try {
          rgba = await frameToRgba(found, task.width, task.height, info.rotation, info.hdr ?? hdrTransfer(found.colorSpace.transfer));
        } finally {
          found.close();
        }
        const { id, pts, keyframe } = w.target;
        const decodeMs = performance.now() - since;
        await callbacks.frame({ id, rgba, width: task.width, height: task.height, pts, keyframe, pictType: w.pictType, exact: null, decodeMs });
        since = performance.now();
      }
    };
    const chunks = async function* (): AsyncGenerator<EncodedVideoChunk> {
      for (const w of wanted) {
        const key = await keyPacketAtOrBefore(video.sink, w.absolute + PTS_EPSILON);
        if (!key) {
          w.settled = true;
          callbacks.miss(w.target.id, failed(`No keyframe before ${w.target.pts.toFixed(3)} s.`));
          continue;
        }
        yield* packetsUpTo(video.sink, key, w.absolute, bitstream, (packet) => (w.pictType = bitstream.pictureType(packet)), callbacks.progress);
        await convertReady();
      }
    };
    const onFrame = (frame: VideoFrame) => {
      const w = wanted.find((w) => !w.settled && Math.abs(frame.timestamp / 1e6 - w.absolute) <= MATCH_SECONDS);
      if (!w) return frame.close();
      w.settled = true;
      ready.push({ wanted: w, frame });
    };
    try {
      await this.decoder.run(config, chunks(), onFrame);
      await convertReady();
    } catch (error) {
      for (const { frame } of ready.splice(0)) frame.close();
      throw error;
    }
    for (const w of wanted) {
      if (!w.settled) callbacks.miss(w.target.id, failed(`WebCodecs returned no frame at ${w.target.pts.toFixed(3)} s.`));
    }
  }
}

/**
 * Chunks from `key` in decode order, ending with the packet at `absolute`
 * (which `onTarget` sees). Frames nothing refers to are left out before
 * the target: the decoder's work is the references and the target. On the
 * 10-minute 1080p bench file (x264, B-pyramid) that is half the frames.
 */
async function* packetsUpTo(
  sink: EncodedPacketSink,
  key: EncodedPacket,
  absolute: number,
  bitstream: BitstreamReader,
  onTarget: (packet: EncodedPacket) => void,
  progress: () => void,
): AsyncGenerator<EncodedVideoChunk> {
  let packet: EncodedPacket | null = key;
  for (let i = 0; packet && i < MAX_PACKETS; i++) {
    const target = Math.abs(packet.timestamp - absolute) <= MATCH_SECONDS;
    if (target || packet === key || bitstream.isReference(packet)) yield packet.toEncodedVideoChunk();
    if (target) {
      onTarget(packet);
      return;
    }
    progress();
    packet = await sink.getNextPacket(packet);
  }
}

/** What the packets' bitstream says that the decoder's output does not. */
interface BitstreamReader {
  /** I/P/B where we can read it (H.264), else key or not. */
  pictureType(packet: EncodedPacket): string;
  /** False only for a frame known to be no other's reference. */
  isReference(packet: EncodedPacket): boolean;
}

function bitstreamReader(codec: string, config: VideoDecoderConfig): BitstreamReader {
  if (codec === 'h264') {
    const lengthSize = avcNalLengthSize(config.description);
    return { pictureType: (packet) => h264PictureType(packet.data, lengthSize), isReference: (packet) => h264IsReference(packet.data, lengthSize) };
  }
  return { pictureType: (packet) => (packet.type === 'key' ? 'I' : codec === 'hevc' ? '?' : 'P'), isReference: () => true };
}
