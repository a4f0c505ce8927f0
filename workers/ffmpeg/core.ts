// Owns one ffmpeg.wasm (single-thread core) instance inside this worker.
//
// We drive @ffmpeg/core directly instead of through @ffmpeg/ffmpeg's FFmpeg
// class: that class starts a second worker of its own for every instance,
// reports errors as strings and cannot reuse a compiled module. Our worker
// already is the thread ffmpeg runs on, and the compiled module comes from
// the main thread, so a fresh instance costs an instantiation, not a compile.
import type { FileKey } from '../../src/shared/types';
import { FileBlockCache, rangeReader, type FileRange } from './blockReads';
import { INPUT_PATH_PREFIX, OUTPUT_DIR } from './args';

/** The part of the Emscripten module @ffmpeg/core exposes that we use. */
interface CoreModule {
  exec(...args: string[]): number;
  ffprobe(...args: string[]): number;
  reset(): void;
  setLogger(logger: (entry: { type: string; message: string }) => void): void;
  /** Called from ffmpeg's progress report loop while an exec runs. */
  setProgress(handler: () => void): void;
  FS: {
    mkdir(path: string): void;
    mount(type: unknown, options: { blobs: { name: string; data: Sliceable }[] }, mountpoint: string): void;
    unmount(mountpoint: string): void;
    rmdir(path: string): void;
    readFile(path: string): Uint8Array<ArrayBuffer>;
    readdir(path: string): string[];
    unlink(path: string): void;
    filesystems: { WORKERFS: { reader: unknown } };
  };
}

type CoreFactory = (options: Record<string, unknown>) => Promise<CoreModule>;

/** All WORKERFS asks of a mounted file: its size, and slices, which it hands its reader (see blockReads.ts). */
interface Sliceable {
  size: number;
  slice(start: number, end: number): FileRange;
}

/**
 * Execs per instance before it is replaced. The published core leaks wasm
 * stack on every exec: `npm run bench:core-leak` shows exec 100 trapping
 * ("memory access out of bounds") with one input per exec and exec 98
 * hanging with four. A quarter of that leaves room for longer argument
 * lists; a fresh instance costs an instantiation (the compiled code is
 * shared), not a compile.
 *
 * An exec that fails leaks far more: on a damaged HEVC file the ninth
 * failing exec traps (the same bench) or hangs (10 s lost to the watchdog,
 * twice with the retry). So a failed exec wears its instance out at once.
 */
export const EXECS_PER_INSTANCE = 24;

/** The warm-up clip's key among the page's files, which are numbered from 1. */
const WARM_UP_KEY = 0;
/** Frames of the warm-up clip decoded: the sample's first second, 640x360. */
const WARM_UP_FRAMES = 30;

export interface RunListener {
  /** Every log line. */
  log(line: string): void;
  /** A sign of life during long decodes: ffmpeg read from the file, or reported progress. */
  progress(): void;
}

export class FfmpegCore {
  private core: CoreModule | null = null;
  private execs = 0;
  /** Where each file is mounted in the current instance's file system. */
  private mounts = new Map<FileKey, string>();
  private readonly blocks = new FileBlockCache();
  private mountCount = 0;
  private listener: RunListener | null = null;

  constructor(private readonly getModule: () => Promise<WebAssembly.Module>) {}

  /** Runs ffmpeg (or ffprobe), reporting log lines and progress to `listener`. Returns the exit code. */
  async run(tool: 'ffmpeg' | 'ffprobe', args: string[], listener: RunListener): Promise<number> {
    const core = await this.instance();
    this.listener = listener;
    this.execs++;
    let code: number;
    try {
      code = tool === 'ffmpeg' ? core.exec(...args) : core.ffprobe(...args);
    } catch (error) {
      // A trap inside wasm (out of bounds, unreachable) leaves the instance unusable.
      if (!isExitStatus(error)) {
        this.discard();
        throw error;
      }
      // ffprobe on some damaged files leaves through exit() instead of
      // returning, and Emscripten throws that as an ExitStatus object: an
      // exit code like any other.
      code = error.status;
    } finally {
      this.listener = null;
      this.core?.reset();
    }
    // Replaced before the next exec (see mountFresh), once its outputs are read.
    if (code !== 0) this.execs = EXECS_PER_INSTANCE;
    return code;
  }

  /**
   * Makes `file` (the page's `key`) readable at the returned path without
   * copying it (WORKERFS reads slices on demand), on an instance with execs
   * to spare. Call before every exec: replacing a worn instance takes its
   * paths with it.
   */
  async mountFresh(file: Blob, key: FileKey, extension: string): Promise<string> {
    if (this.execs >= EXECS_PER_INSTANCE) this.discard();
    const core = await this.instance();
    const known = this.mounts.get(key);
    if (known) return known;
    const dir = `${INPUT_PATH_PREFIX}/${this.mountCount++}`;
    core.FS.mkdir(dir);
    // A fixed, safe name: the user's file name could look like a protocol ("http:x.mp4") to ffmpeg.
    const name = `input${extension}`;
    // Every read ffmpeg makes is a sign of life for the watchdog: its own
    // progress reports only begin once a frame reaches the output, which in
    // exact mode comes after decoding a whole GOP.
    const blocks = this.blocks.blocks(file, key, () => this.listener?.progress());
    const data: Sliceable = { size: blocks.size, slice: (start, end) => blocks.range(start, end) };
    core.FS.mount(core.FS.filesystems.WORKERFS, { blobs: [{ name, data }] }, dir);
    const path = `${dir}/${name}`;
    this.mounts.set(key, path);
    return path;
  }

  /** Reads and deletes an output file, or returns null when ffmpeg did not write it. */
  takeOutput(path: string): Uint8Array<ArrayBuffer> | null {
    const core = this.core;
    if (!core) return null;
    try {
      const data = core.FS.readFile(path);
      core.FS.unlink(path);
      return data;
    } catch {
      return null;
    }
  }

  /** Removes whatever an exec left in the output directory. */
  clearOutputs(): void {
    const core = this.core;
    if (!core) return;
    for (const name of core.FS.readdir(OUTPUT_DIR)) {
      if (name !== '.' && name !== '..') core.FS.unlink(`${OUTPUT_DIR}/${name}`);
    }
  }

  /** Makes the instance the next exec will use, ahead of it. */
  async warm(): Promise<void> {
    await this.instance();
  }

  /**
   * Decodes the first frames of `clip` (H.264), so that V8 compiles the
   * decoder's hot functions again, optimised, now rather than during the
   * first real file: on the 10-minute 1080p bench file that recompile cost
   * 0.9 s of CPU in fast mode, on a 2-core machine. The compiled code is the
   * module's, shared by every worker's instance.
   */
  async warmUp(clip: Blob): Promise<void> {
    const path = await this.mountFresh(clip, WARM_UP_KEY, '.mp4');
    await this.run('ffmpeg', ['-nostats', '-i', path, '-an', '-frames:v', String(WARM_UP_FRAMES), '-f', 'null', '-'], { log: () => {}, progress: () => {} });
  }

  /** Drops the instance (after an error, or when worn); the next call makes a fresh one. */
  discard(): void {
    this.core = null;
    this.execs = 0;
    this.mountCount = 0;
  }

  private async instance(): Promise<CoreModule> {
    if (this.core) return this.core;
    const [module, factory] = await Promise.all([this.getModule(), loadFactory()]);
    // Emscripten's instantiateWasm hook has no way to report failure; race it.
    let failed: (error: unknown) => void = () => {};
    const failure = new Promise<never>((_, reject) => (failed = reject));
    const core = await Promise.race([
      factory({
        instantiateWasm: (imports: WebAssembly.Imports, receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
          WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), failed);
          return {};
        },
      }),
      failure,
    ]);
    core.setLogger(({ message }) => this.listener?.log(message));
    core.setProgress(() => this.listener?.progress());
    core.FS.mkdir(INPUT_PATH_PREFIX);
    core.FS.mkdir(OUTPUT_DIR);
    // Mounted files are read through their blocks (WORKERFS makes a
    // FileReaderSync of its own only when it has no reader yet).
    core.FS.filesystems.WORKERFS.reader = rangeReader;
    this.core = core;
    // Mount paths belonged to the previous instance's file system.
    this.mounts = new Map();
    return core;
  }
}

/** Emscripten's ExitStatus: thrown by exit(), not an Error. */
function isExitStatus(error: unknown): error is { name: 'ExitStatus'; status: number } {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ExitStatus' && typeof (error as { status?: unknown }).status === 'number';
}

let factoryPromise: Promise<CoreFactory> | null = null;

/** The 111 KB Emscripten glue, fetched only when a file first needs ffmpeg. */
function loadFactory(): Promise<CoreFactory> {
  factoryPromise ??= import('@ffmpeg/core').then((m) => m.default as CoreFactory);
  return factoryPromise;
}
