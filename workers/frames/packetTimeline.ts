// A timeline answered by Mediabunny's packet queries, for containers whose
// index is partial (Matroska cues, MPEG-TS): each question reads a little
// of the file instead of the whole index being read up front.
import type { EncodedPacket, EncodedPacketSink } from 'mediabunny';
import { keyPacketAtOrBefore } from './keyPackets';
import { PTS_EPSILON, type FrameTimeline, type TimelineFrame } from './timeline';

/** Packets after the first keyframe searched for the earliest displayable pts. */
const REORDER_WINDOW = 32;

/** Packets examined when looking for a neighbour before giving up (a few GOPs). */
const NEIGHBOR_SEARCH = 2000;

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
    return this.displayable(await keyPacketAtOrBefore(this.sink, this.absolute(t), { metadataOnly: true }));
  }

  /** Keyframe by keyframe from the one at or before `start`: a little of the file per keyframe. */
  async keyframesIn(start: number, end: number, limit: number): Promise<TimelineFrame[]> {
    const found: TimelineFrame[] = [];
    let packet = await keyPacketAtOrBefore(this.sink, this.absolute(start), { metadataOnly: true });
    packet ??= await this.sink.getFirstKeyPacket({ metadataOnly: true });
    while (packet && found.length < limit) {
      const frame = this.displayable(packet);
      if (frame && frame.pts >= end - PTS_EPSILON) break;
      if (frame && frame.pts >= start - PTS_EPSILON) found.push({ ...frame, bytes: packet.byteLength });
      packet = await this.sink.getNextKeyPacket(packet, { metadataOnly: true });
    }
    return found;
  }

  frameNumber(): number | null {
    return null;
  }

  /** Unknown: counting would read every packet. */
  readonly frameCount = null;

  frameByNumber(): TimelineFrame | null {
    return null;
  }

  /**
   * Walks packets in decode order from a keyframe at or before the frame
   * and keeps the closest pts on the wanted side. Decode order differs from
   * presentation order only within a reorder window, so the walk stops once
   * it is past a later keyframe by that window.
   */
  async neighbor(pts: number, direction: 1 | -1): Promise<TimelineFrame | null> {
    if (!this.firstFrame) return null;
    const absolute = pts + this.startTime;
    // For the frame before a keyframe, start at the keyframe before that.
    const from = direction === 1 ? absolute + PTS_EPSILON : absolute - PTS_EPSILON;
    let packet = (await keyPacketAtOrBefore(this.sink, from, { metadataOnly: true })) ?? (await this.sink.getFirstKeyPacket({ metadataOnly: true }));
    let best: TimelineFrame | null = null;
    let afterKey = -1;
    for (let i = 0; packet && i < NEIGHBOR_SEARCH; i++) {
      const candidate = packet.timestamp - this.startTime;
      const wanted = direction === 1 ? candidate > pts + PTS_EPSILON : candidate < pts - PTS_EPSILON;
      const closer = !best || (direction === 1 ? candidate < best.pts : candidate > best.pts);
      if (wanted && closer && candidate >= this.firstFrame.pts - PTS_EPSILON) best = { pts: candidate, keyframe: packet.type === 'key' };
      // Frames after the next keyframe (at or after this one, going back; after it, going forward) are too far.
      const beyond = direction === 1 ? packet.timestamp > absolute + PTS_EPSILON : packet.timestamp >= absolute - PTS_EPSILON;
      if (packet.type === 'key' && beyond && afterKey < 0 && i > 0) afterKey = i;
      if (afterKey >= 0 && i - afterKey > REORDER_WINDOW && (direction === -1 || best)) break;
      packet = await this.sink.getNextPacket(packet, { metadataOnly: true });
    }
    return best;
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
