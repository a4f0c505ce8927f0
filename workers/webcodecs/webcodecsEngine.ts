// Decoding with the browser's WebCodecs, packets read by Mediabunny. For
// each target: from the keyframe at or before it, feed packets in decode
// order up to and including the target's own packet, then flush. Nothing
// after the target is decoded; a fast-mode keyframe is one packet.
import type { EncodedPacket, EncodedPacketSink } from 'mediabunny';
import { hdrTransfer } from '../../src/shared/hdr';
import type { EngineTask } from '../../src/shared/types';
import { failed, type DecodeCallbacks, type FrameEngine, type RawFrame } from '../engine';
import { keyPacketAtOrBefore } from '../frames/keyPackets';
import { PTS_EPSILON } from '../frames/timeline';
import { openVideo } from '../openedVideos';
import { frameToRgba } from './drawFrame';
import { avcNalLengthSize, h264PictureType } from './pictureType';
import { ReusableDecoder } from './reusableDecoder';

/** A frame and its packet match within this (timestamps are microseconds after conversion). */
const MATCH_SECONDS = 0.0005;
/** Packets walked from a keyframe before giving up on finding the target's. */
const MAX_PACKETS = 20_000;

export class WebCodecsEngine implements FrameEngine {
  private readonly decoder = new ReusableDecoder();

  async decode(task: EngineTask, callbacks: DecodeCallbacks): Promise<void> {
    const video = await openVideo(task.file, task.fileKey);
    const config = video ? await video.track.getDecoderConfig() : null;
    if (!video || !config) throw new Error('WebCodecs cannot read this file (no decoder configuration for its video track).');
    const { info } = task;
    const pictureType = pictureTypeReader(info.codec, config);
    for (const target of task.targets) {
      if (target.kind !== 'pts') {
        callbacks.miss(target.id, failed('WebCodecs decodes only frames located in the container.'));
        continue;
      }
      const started = performance.now();
      const absolute = target.pts + info.startTime;
      const key = await keyPacketAtOrBefore(video.sink, absolute + PTS_EPSILON);
      if (!key) {
        callbacks.miss(target.id, failed(`No keyframe before ${target.pts.toFixed(3)} s.`));
        continue;
      }
      let pictType = '?';
      // Kept open past the decode: reading an HDR frame's samples is asynchronous.
      const matched: { frame: VideoFrame | null } = { frame: null };
      try {
        await this.decoder.run(
          config,
          packetsUpTo(video.sink, key, absolute, (packet) => (pictType = pictureType(packet)), callbacks.progress),
          (frame) => {
            if (!matched.frame && Math.abs(frame.timestamp / 1e6 - absolute) <= MATCH_SECONDS) matched.frame = frame;
            else frame.close();
          },
        );
      } catch (error) {
        matched.frame?.close();
        throw error;
      }
      const found = matched.frame;
      if (!found) {
        callbacks.miss(target.id, failed(`WebCodecs returned no frame at ${target.pts.toFixed(3)} s.`));
        continue;
      }
      let decoded: Uint8ClampedArray<ArrayBuffer>;
      try {
        decoded = await frameToRgba(found, task.width, task.height, info.rotation, info.hdr ?? hdrTransfer(found.colorSpace.transfer));
      } finally {
        found.close();
      }
      const frame: RawFrame = {
        id: target.id,
        rgba: decoded,
        width: task.width,
        height: task.height,
        pts: target.pts,
        keyframe: target.keyframe,
        pictType,
        exact: null,
        decodeMs: performance.now() - started,
      };
      await callbacks.frame(frame);
    }
  }
}

/** Chunks from `key` in decode order, ending with the packet at `absolute` (which `onTarget` sees). */
async function* packetsUpTo(
  sink: EncodedPacketSink,
  key: EncodedPacket,
  absolute: number,
  onTarget: (packet: EncodedPacket) => void,
  progress: () => void,
): AsyncGenerator<EncodedVideoChunk> {
  let packet: EncodedPacket | null = key;
  for (let i = 0; packet && i < MAX_PACKETS; i++) {
    yield packet.toEncodedVideoChunk();
    if (Math.abs(packet.timestamp - absolute) <= MATCH_SECONDS) {
      onTarget(packet);
      return;
    }
    progress();
    packet = await sink.getNextPacket(packet);
  }
}

/** I/P/B from the bitstream where we can read it (H.264), else key or not. */
function pictureTypeReader(codec: string, config: VideoDecoderConfig): (packet: EncodedPacket) => string {
  if (codec === 'h264') {
    const lengthSize = avcNalLengthSize(config.description);
    return (packet) => h264PictureType(packet.data, lengthSize);
  }
  return (packet) => (packet.type === 'key' ? 'I' : codec === 'hevc' ? '?' : 'P');
}
