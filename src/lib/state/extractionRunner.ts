// Runs extractions for videos (and stills) on the page: starts one (cancelling the
// run it supersedes), cancels, stops for good (forget, clear), and puts
// the outcome in words, on the card and in the activity log. What a run
// makes is saved through the write queue.
import type { ExtractionListener, ExtractionSettings, ExtractionTimings } from '../extraction/extraction';
import type { Span } from '../../shared/types';
import { FileFailure } from '../../shared/fileFailure';
import { errorMessage } from '../../shared/errorMessage';
import type { WriteQueue } from '../store/writeQueue';
import type { ActivityLog } from './activity.svelte';
import { thumbRecord, type VideoEntry } from './videoEntry.svelte';

/** Extraction of one file (the worker pool's, bound; a fake in the unit tests). `held`: the run waits while it says true. */
export type Extract = (file: File, settings: ExtractionSettings, span: Span | null, listener: ExtractionListener, signal: AbortSignal, held?: () => boolean) => Promise<ExtractionTimings>;

/** How each kind of file is extracted: a video's thumbnails, a still's one. */
export interface Extractors {
  video: Extract;
  image: Extract;
}

export class ExtractionRunner {
  constructor(
    private readonly extractors: Extractors,
    private readonly queue: WriteQueue,
    private readonly activity: Pick<ActivityLog, 'add'>,
  ) {}

  /**
   * Extracts (again) with `settings`; a run already going for this video is
   * cancelled first. `held`: its work waits while this says true (a paused batch).
   */
  async run(entry: VideoEntry, settings: ExtractionSettings, held?: () => boolean): Promise<void> {
    const file = entry.file;
    if (!file) return;
    entry.controller?.abort(new DOMException('Superseded by a new run', 'AbortError'));
    const controller = new AbortController();
    entry.controller = controller;
    entry.reset();
    entry.settings = settings;
    entry.state = 'probing';
    this.queue.write(entry, (store) => store.clearThumbs(entry.id));
    this.save(entry);
    const message =
      entry.kind === 'image'
        ? `Making the thumbnail of a still (${settings.width} px, quality ${settings.quality})`
        : `Extracting ${settings.count} thumbnails (${settings.mode}, ${settings.width} px, quality ${settings.quality})`;
    this.activity.add('extract', entry.name, message, { settings });

    let timings: ExtractionTimings | null = null;
    let failure: unknown = null;
    const current = () => entry.controller === controller;
    try {
      timings = await this.extractors[entry.kind](
        file,
        settings,
        entry.span,
        {
          probed: (info) => {
            if (!current()) return;
            entry.info = info;
            this.save(entry);
          },
          described: (still) => {
            if (!current()) return;
            entry.still = still;
            this.save(entry);
          },
          started(engine, total) {
            if (!current()) return;
            entry.engine = engine;
            entry.total = total;
            entry.state = 'extracting';
          },
          fellBack: (reason) => {
            if (!current()) return;
            entry.engine = 'ffmpeg';
            entry.fallback = reason;
            this.activity.add('fallback', entry.name, `WebCodecs failed (${reason}); the rest is decoded with ffmpeg.wasm`);
          },
          thumbnail: (thumb) => {
            if (!current()) return;
            const record = thumbRecord(entry.id, entry.addThumb(thumb));
            this.queue.write(entry, (store) => store.putThumb(record));
          },
          missed: (index, reason) => {
            if (current()) entry.misses = [...entry.misses, { index, reason }];
          },
        },
        controller.signal,
        held,
      );
    } catch (error) {
      failure = error;
    }
    // A newer run owns the entry now, or it was stopped: neither saved nor logged.
    if (!current()) return;
    entry.controller = null;
    if (controller.signal.aborted) {
      entry.state = 'cancelled';
    } else if (failure) {
      entry.state = 'error';
      entry.error = failure instanceof FileFailure ? failure.message : `Extraction failed: ${errorMessage(failure)}`;
    } else if (entry.thumbs.length === 0) {
      entry.state = 'error';
      const first = entry.misses[0]?.reason;
      entry.error = `None of the ${entry.total} frames could be decoded; the video data is probably damaged.${first ? ` ${first}` : ''}`;
    } else {
      entry.timings = timings;
      entry.state = 'done';
    }
    this.save(entry);
    this.logOutcome(entry);
  }

  /** Cancels the video's run: it ends as "cancelled", saved and logged so. */
  cancel(entry: VideoEntry): void {
    entry.controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }

  /** Cancels the video's run and lets go of it: its end changes, saves and logs nothing (the video is being removed). */
  stop(entry: VideoEntry): void {
    const controller = entry.controller;
    entry.controller = null;
    controller?.abort(new DOMException('The video was removed', 'AbortError'));
  }

  /** Queues the video's record as it is now. */
  save(entry: VideoEntry): void {
    const record = entry.toRecord();
    this.queue.write(entry, (store) => store.putVideo(record));
  }

  private logOutcome(entry: VideoEntry): void {
    if (entry.state === 'cancelled') {
      this.activity.add('extract-cancelled', entry.name, entry.total > 0 ? `Cancelled after ${entry.thumbs.length} of ${entry.total} thumbnails` : 'Cancelled before decoding began');
    } else if (entry.state === 'error') {
      this.activity.add('extract-failed', entry.name, entry.error ?? 'Extraction failed');
    } else if (entry.timings && entry.still) {
      const { still, timings } = entry;
      const how = still.decoder === 'image-decoder' ? 'ImageDecoder' : 'createImageBitmap';
      const reduced = still.decodedWidth < still.width ? `, decoded at ${still.decodedWidth}×${still.decodedHeight}` : '';
      this.activity.add('extract-done', entry.name, `Thumbnail of a ${still.width}×${still.height} ${still.format.toUpperCase()} in ${(timings.totalMs / 1000).toFixed(2)} s with ${how}${reduced}`, {
        still,
        settings: entry.settings,
        timings,
      });
    } else if (entry.timings) {
      const t = entry.timings;
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const missed = entry.misses.length > 0 ? `, ${entry.misses.length} missed` : '';
      this.activity.add(
        'extract-done',
        entry.name,
        `${entry.thumbs.length} thumbnails in ${s(t.totalMs)} with ${entry.engine}${missed} (probe ${s(t.prepareMs)}, seek and decode ${s(t.decodeMs)}, encode ${s(t.encodeMs)})`,
        { engine: entry.engine, settings: entry.settings, timings: t, missed: entry.misses.length },
      );
    }
  }
}
