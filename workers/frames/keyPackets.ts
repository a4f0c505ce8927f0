// Mediabunny's keyframe lookup, made dependable where the container has no index.
import type { EncodedPacket, EncodedPacketSink, PacketRetrievalOptions } from 'mediabunny';

/** How far back the first look goes when the direct lookup finds nothing; doubled each time. */
const FIRST_STEP_BACK = 0.5;

/**
 * The last keyframe at or before `timestamp` (decode-order keyframes are in
 * presentation order). Mediabunny 1.61 answers from the cluster its position
 * cache points at, and in a WebM without cues (MediaRecorder's, ffmpeg's
 * `-live 1`) that cluster can begin after the GOP's keyframe: it then
 * answers null (vp8_live.webm at 2.6 s, keyframe at 2.0 s), and fast mode
 * showed the first frame. So look up from earlier times until a keyframe
 * turns up, then step forward keyframe by keyframe to the last one in time.
 */
export async function keyPacketAtOrBefore(sink: EncodedPacketSink, timestamp: number, options: PacketRetrievalOptions = {}): Promise<EncodedPacket | null> {
  const direct = await sink.getKeyPacket(timestamp, options);
  if (direct) return direct;
  const first = await sink.getFirstKeyPacket(options);
  if (!first || first.timestamp > timestamp) return null;
  let key = first;
  for (let back = FIRST_STEP_BACK; timestamp - back > first.timestamp; back *= 2) {
    const earlier = await sink.getKeyPacket(timestamp - back, options);
    if (earlier) {
      key = earlier;
      break;
    }
  }
  for (;;) {
    const next = await sink.getNextKeyPacket(key, options);
    if (!next || next.timestamp > timestamp) return key;
    key = next;
  }
}
