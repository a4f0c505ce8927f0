// A timeline answered by Mediabunny's packet queries, for containers whose
// index is partial (Matroska cues, MPEG-TS): each question reads a little
// of the file instead of the whole index being read up front.
import type { EncodedPacket, EncodedPacketSink } from 'mediabunny';
import { PTS_EPSILON, type FrameTimeline, type TimelineFrame } from './timeline';

/** Packets after the first keyframe searched for the earliest displayable pts. */
const REORDER_WINDOW = 32;

export class PacketTimeline implements FrameTimeline {
  private constructor(
    private readonly sink: EncodedPacketSink,
    private readonly startTime: number,
    private readonly firstFrame: TimelineFrame | null,
    readonly frameRate: number | null,
  ) {}

  static async create(sink: EncodedPacketSink, startTime: number, frameRate: number | null): Promise<PacketTimeline> {
    return new PacketTimeline(sink, startTime, await findFirstDisplayable(sink, startTime), frameRate);
  }

  async first(): Promise<TimelineFrame | null> {
    return this.firstFrame;
  }

  async frameAtOrBefore(t: number): Promise<TimelineFrame | null> {
    return this.displayable(await this.sink.getPacket(this.absolute(t), { metadataOnly: true }));
  }

  async keyframeAtOrBefore(t: number): Promise<TimelineFrame | null> {
    return this.displayable(await this.sink.getKeyPacket(this.absolute(t), { metadataOnly: true }));
  }

  frameNumber(): number | null {
    return null;
  }

  private absolute(t: number): number {
    return t + this.startTime + PTS_EPSILON;
  }

  /** Packets before the first displayable frame cannot be shown (undecodable or hidden). */
  private displayable(packet: EncodedPacket | null): TimelineFrame | null {
    if (!packet || !this.firstFrame) return null;
    const pts = packet.timestamp - this.startTime;
    if (pts < this.firstFrame.pts - PTS_EPSILON) return null;
    return { pts, keyframe: packet.type === 'key' };
  }
}

/** The earliest non-negative pts from the first keyframe on (decode order). */
async function findFirstDisplayable(sink: EncodedPacketSink, startTime: number): Promise<TimelineFrame | null> {
  let packet = await sink.getFirstKeyPacket({ metadataOnly: true });
  let best: TimelineFrame | null = null;
  for (let i = 0; packet && i < REORDER_WINDOW; i++) {
    const pts = packet.timestamp - startTime;
    if (pts >= -PTS_EPSILON && (!best || pts < best.pts)) best = { pts, keyframe: packet.type === 'key' };
    packet = await sink.getNextPacket(packet, { metadataOnly: true });
  }
  return best;
}
