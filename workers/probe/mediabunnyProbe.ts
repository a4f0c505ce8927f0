// Probing through Mediabunny: reads only the container's metadata (the
// moov box, Matroska cues, a few TS packets), lazily from the File, and
// needs no ffmpeg core. Containers or codecs it does not know fall back to
// ffprobe (see ffprobeProbe.ts).
import {
  ALL_FORMATS,
  BlobSource,
  EncodedPacketSink,
  Input,
  MATROSKA,
  MP4,
  MPEG_TS,
  OGG,
  QTFF,
  WEBM,
  type InputFormat,
  type InputTrack,
  type InputVideoTrack,
} from 'mediabunny';
import { frameRateFromPts } from '../../src/shared/frameRate';
import { hdrTransfer } from '../../src/shared/hdr';
import type { VideoInfo } from '../../src/shared/types';
import { displayableFrames, IndexedTimeline, PTS_EPSILON, type DecodeOrder, type FrameTimeline, type PresentationOrder } from '../frames/timeline';
import { PacketTimeline } from '../frames/packetTimeline';
import { MAX_PIXELS } from '../ffmpeg/args';
import { displaySize } from './displaySize';
import { h264CodesFields } from './h264Fields';
import { FileFailure } from '../../src/shared/fileFailure';
import { videoEditEnd } from './editList';
import { readMoov } from './moovBoxes';
import { sampleIndex, type SampleIndex } from './sampleIndex';
import { samplesAndFragments, sampleTablesAgree } from './sampleTables';

const CODEC_NAMES: Record<string, string> = { avc: 'h264', hevc: 'hevc', vp8: 'vp8', vp9: 'vp9', av1: 'av1', prores: 'prores' };

/** More packets than this are not indexed up front (frame numbers are then derived). */
const MAX_INDEXED_PACKETS = 2_000_000;

/** Packets inspected to find the frame rate. */
const FRAME_RATE_PACKETS = 120;

/** Packets read at the start of a track to find its smallest pts (B-frames reorder the first few). */
const START_WINDOW = 32;

/**
 * A file Mediabunny can read. Decoding needs only the track and its
 * packets; the timeline (for MP4, the whole index: 72 000 entries for 40
 * minutes at 30 fps) is read only where frames are located, once.
 */
export interface OpenedVideo {
  input: Input;
  track: InputVideoTrack;
  /** Packets of the video track (WebCodecs decodes from them). */
  sink: EncodedPacketSink;
  timeline(): Promise<FrameTimeline>;
  info(): Promise<VideoInfo>;
  /**
   * How the next reads go: streamed from where they start (runs of packets,
   * exact mode), or each range on its own (a packet here and there, fast
   * and best mode). A stream reads ahead of what is asked, and a seek
   * starts a new one: on the 10-minute 1080p bench file fast mode's reads
   * cost the browser 500 ms of CPU streamed and 200 ms as ranges, and wall
   * time 1.73 s -> 1.57 s; exact mode ran 3.4 s streamed, 4.0 s as ranges
   * (4 thumbnails). Mediabunny's BlobSource reads the option each time it
   * starts a reader (1.61, source.js), so it can change between tasks.
   */
  readAhead(sequential: boolean): void;
}

/**
 * Opens `file` with Mediabunny. Returns null when Mediabunny cannot read
 * the container or the video codec (ffprobe should try), and throws a
 * FileFailure when it can say what is wrong.
 */
export async function openWithMediabunny(file: Blob): Promise<OpenedVideo | null> {
  // A read that fails while nothing waits on it (a damaged file, a file
  // removed from disk) would otherwise be an unhandled rejection; the next
  // read that needs the data fails and says why.
  const reading = { handleUnhandledError: () => {}, useStreamReader: true };
  const source = new BlobSource(file, reading);
  const input = new Input({ source, formats: ALL_FORMATS });
  let format: InputFormat;
  try {
    format = await input.getFormat();
  } catch {
    return null;
  }
  const isobmff = format === MP4 || format === QTFF;
  const moov = isobmff ? await readMoov(file) : null;
  // Both left to ffprobe, which reads them whole.
  if (moov && (!sampleTablesAgree(moov) || samplesAndFragments(moov))) return null;
  const editEnd = moov ? videoEditEnd(moov) : null;
  const tracks = await input.getTracks();
  const track = await input.getPrimaryVideoTrack();
  // No video track that Mediabunny can see is not no video: its MPEG-TS
  // reader skips MPEG-2 video (DVB and ATSC broadcasts), and a damaged
  // index hides every track. ffprobe reads more; only it may say "no video".
  if (!track) return null;
  const codec = track.codec ? CODEC_NAMES[track.codec] : undefined;
  if (!codec) return null;
  // Refuse before decoding anything what no honest file asks for: a
  // header claiming 65535x65535 would have a decoder allocate gigabytes.
  if (track.codedWidth * track.codedHeight > MAX_PIXELS || track.codedWidth <= 0 || track.codedHeight <= 0) {
    throw new FileFailure('too-large', `The video claims ${track.codedWidth}x${track.codedHeight} pixels per frame, more than Framepick decodes (8K).`);
  }
  const sink = new EncodedPacketSink(track);

  let timeline: Promise<FrameTimeline> | null = null;
  let info: Promise<VideoInfo> | null = null;
  // Each read once, for the timeline and the info both.
  let startRead: Promise<number> | null = null;
  let rateRead: Promise<number | null> | null = null;
  const startTime = () =>
    (startRead ??= Promise.all(tracks.map((t) => firstPts(t, moov))).then((starts) => {
      const earliest = Math.min(...starts);
      // ffmpeg's MP4 demuxer hides edit-list pre-roll and AAC priming, which
      // Mediabunny reports at negative times: the timeline starts at 0 there.
      return isobmff ? Math.max(0, earliest) : earliest;
    }));
  // From the first packets' spacing (see frameRateFromPts): Mediabunny's
  // own guess read 1000 fps off a VP9 WebM with extra packets 1 ms apart.
  const frameRate = () => (rateRead ??= leadingPts(sink, moov && sampleIndex(moov, track.id, FRAME_RATE_PACKETS)).then((pts) => frameRateFromPts(pts, null)));
  const opened: OpenedVideo = {
    input,
    track,
    sink,
    readAhead: (sequential) => (reading.useStreamReader = sequential),
    timeline: () => {
      timeline ??= (async () => {
        const [start, rate] = await Promise.all([startTime(), frameRate()]);
        const index = isobmff ? await readIndex(sink, start, editEnd, moov && sampleIndex(moov, track.id)) : null;
        return index ? new IndexedTimeline(index, rate) : PacketTimeline.create(sink, start, rate);
      })();
      return timeline;
    },
    info: () => {
      info ??= (async () => {
        const [start, rate, end, line, par] = await Promise.all([startTime(), frameRate(), input.computeDuration(), opened.timeline(), track.getPixelAspectRatio()]);
        const first = await line.first();
        if (!first) throw new FileFailure('corrupt', 'The video track has no decodable frame (no keyframe found).');
        return {
          container: containerName(format),
          codec,
          duration: Math.max(0, Math.min(end, editEnd ?? Infinity) - start),
          startTime: start,
          // Held to the pixel aspect ratios real files use, as ffprobe's is.
          ...displaySize(track.codedWidth, track.codedHeight, par.num / par.den, track.rotation),
          codedWidth: track.codedWidth,
          codedHeight: track.codedHeight,
          rotation: track.rotation,
          frameRate: rate,
          firstFramePts: first.pts,
          timeBase: track.timeResolution,
          interlaced: codec === 'h264' && (await h264Interlaced(track, sink)),
          hdr: hdrTransfer((await track.getColorSpace()).transfer),
          probedBy: 'mediabunny',
          indexed: line instanceof IndexedTimeline,
          webcodecsDecodable: await track.canDecode(),
        };
      })();
      return info;
    },
  };
  return opened;
}

/** The pts of the first FRAME_RATE_PACKETS packets in decode order: from the sample tables (`tables`, that many) where they are whole. */
async function leadingPts(sink: EncodedPacketSink, tables: SampleIndex | null): Promise<number[]> {
  if (tables) return Array.from(tables.pts);
  const count = FRAME_RATE_PACKETS;
  const pts: number[] = [];
  let packet = await sink.getFirstPacket({ metadataOnly: true });
  while (packet && pts.length < count) {
    pts.push(packet.timestamp);
    packet = await sink.getNextPacket(packet, { metadataOnly: true });
  }
  return pts;
}

/** The smallest pts among a track's first packets (decode order differs from presentation order). */
async function firstPts(track: InputTrack, moov: DataView | null): Promise<number> {
  // From the sample tables where they are whole: asking Mediabunny makes it
  // expand every track's tables first (18 ms on the 10-minute bench file).
  const tables = moov && sampleIndex(moov, track.id, START_WINDOW);
  if (tables) return tables.pts.reduce((min, pts) => Math.min(min, pts), tables.pts.length > 0 ? Infinity : 0);
  const sink = new EncodedPacketSink(track);
  let packet = await sink.getFirstPacket({ metadataOnly: true });
  let min = Infinity;
  for (let i = 0; packet && i < START_WINDOW; i++) {
    min = Math.min(min, packet.timestamp);
    packet = await sink.getNextPacket(packet, { metadataOnly: true });
  }
  return Number.isFinite(min) ? min : 0;
}

/**
 * Every displayable frame: from our own read of the sample tables
 * (`tables`) where they are whole, else from Mediabunny's packets.
 */
async function readIndex(sink: EncodedPacketSink, startTime: number, editEnd: number | null, tables: SampleIndex | null): Promise<PresentationOrder | null> {
  let order: DecodeOrder;
  if (tables) {
    if (tables.pts.length > MAX_INDEXED_PACKETS) return null;
    order = { ...tables, pts: tables.pts.map((t) => t - startTime) };
  } else {
    const times: number[] = [];
    const keys: number[] = [];
    const sizes: number[] = [];
    for (let packet = await sink.getFirstPacket({ metadataOnly: true }); packet; packet = await sink.getNextPacket(packet, { metadataOnly: true })) {
      if (times.length >= MAX_INDEXED_PACKETS) return null;
      times.push(packet.timestamp - startTime);
      keys.push(packet.type === 'key' ? 1 : 0);
      sizes.push(packet.byteLength);
    }
    order = { pts: Float64Array.from(times), keyframe: Uint8Array.from(keys), bytes: Uint32Array.from(sizes) };
  }
  // Past the edit's end: decoded as a reference, never shown (see editList.ts).
  return displayableFrames(order, editEnd === null ? Infinity : editEnd - startTime - PTS_EPSILON);
}

function containerName(format: InputFormat): string {
  if (format === MP4) return 'mp4';
  if (format === QTFF) return 'mov';
  if (format === WEBM) return 'webm';
  if (format === MATROSKA) return 'matroska';
  if (format === MPEG_TS) return 'mpegts';
  if (format === OGG) return 'ogg';
  return format.name.toLowerCase();
}

/**
 * Whether the H.264 track may code fields, from the SPS in its avcC, or,
 * only where there is none (MPEG-TS), in-band in its first keyframe (a TS
 * capture can start mid-GOP): one packet read, for those files alone.
 */
async function h264Interlaced(track: InputVideoTrack, sink: EncodedPacketSink): Promise<boolean> {
  const avcC = (await track.getDecoderConfig())?.description;
  if (avcC) return h264CodesFields(avcC);
  const first = await sink.getFirstPacket();
  const key = first && first.type !== 'key' ? await sink.getNextKeyPacket(first) : first;
  return h264CodesFields(undefined, key?.data);
}
