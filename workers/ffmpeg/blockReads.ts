// How ffmpeg.wasm reads a dropped file: in blocks, kept between execs.
// Emscripten's WORKERFS answers each read ffmpeg makes (32 KB at a time)
// with a File.slice and a FileReaderSync read of its own, a round trip to
// the browser process each; and every exec opens the file anew, so a fast
// mode thumbnail of the 10-minute 1080p bench file read its 227 KB moov
// again, in eight such reads, before its keyframe's ten. Profiled, those
// reads took 300 ms of each worker's 2.7 s. Here a read is served from
// 1 MiB blocks read once: the moov stays in memory from one exec to the
// next, and a keyframe is one read.
import type { FileKey } from '../../src/shared/types';
import { kept } from '../recentlyUsed';

const BLOCK_BYTES = 1 << 20;
/** Blocks kept per file: a GOP of exact mode streams through them; the moov's stay while they are used. */
const BLOCKS_KEPT = 8;
/** Files whose blocks a worker keeps: the one it decodes, and the one before it. */
const FILES_KEPT = 2;

/** What WORKERFS is given in place of a Blob slice: a range of a file, read when WORKERFS asks for its bytes. */
export interface FileRange {
  readonly size: number;
  readonly blocks: FileBlocks;
  readonly start: number;
}

export class FileBlocks {
  /** Most recently used last. */
  private readonly blocks = new Map<number, Uint8Array>();
  private readonly reader = new FileReaderSync();

  constructor(
    private readonly file: Blob,
    /** Called on every read ffmpeg makes: a sign of life for the watchdog. */
    private readonly onRead: () => void,
  ) {}

  get size(): number {
    return this.file.size;
  }

  range(start: number, end: number): FileRange {
    const from = Math.min(Math.max(0, start), this.file.size);
    return { size: Math.max(0, Math.min(end, this.file.size) - from), blocks: this, start: from };
  }

  read({ start, size }: FileRange): ArrayBuffer {
    this.onRead();
    const out = new Uint8Array(size);
    for (let at = start; at < start + size; ) {
      const index = Math.floor(at / BLOCK_BYTES);
      const block = this.block(index);
      const offset = at - index * BLOCK_BYTES;
      const length = Math.min(block.length - offset, start + size - at);
      if (length <= 0) break;
      out.set(block.subarray(offset, offset + length), at - start);
      at += length;
    }
    return out.buffer;
  }

  private block(index: number): Uint8Array {
    return kept(this.blocks, index, BLOCKS_KEPT, () => new Uint8Array(this.reader.readAsArrayBuffer(this.file.slice(index * BLOCK_BYTES, (index + 1) * BLOCK_BYTES))));
  }
}

/** WORKERFS's reader, in place of its FileReaderSync: it reads the ranges our mounted files hand out. */
export const rangeReader = {
  readAsArrayBuffer: (range: FileRange): ArrayBuffer => range.blocks.read(range),
};

/** The blocks of the files a worker reads, by the page's key for each file (a new File object arrives with every call). */
export class FileBlockCache {
  /** Most recently used last. */
  private readonly files = new Map<FileKey, FileBlocks>();

  blocks(file: Blob, key: FileKey, onRead: () => void): FileBlocks {
    return kept(this.files, key, FILES_KEPT, () => new FileBlocks(file, onRead));
  }
}
