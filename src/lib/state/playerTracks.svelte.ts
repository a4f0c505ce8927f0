// Player thumbnail tracks, as reactive state: the interval between their
// thumbnails (remembered by this browser), and per video the track being
// made, how far along it is, and how it ended.
import { errorMessage } from '../../shared/errorMessage';
import { FileFailure } from '../../shared/fileFailure';
import { makePlayerTrack, type TrackOptions, type TrackProgress, type TrackSources } from '../export/playerTrack';
import { formatBytes } from '../format';
import { readLocalSetting, writeLocalSetting } from '../app/localSetting';
import { normalizeInterval, TRACK_INTERVAL } from '../trackInterval';
import type { ActivityLog } from './activity.svelte';

const STORAGE_KEY = 'framepick.vttInterval';

export type TrackJobState = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

/**
 * How much of a track is made, 0 to 1: its tiles decoded, then drawn into
 * sprites, each counted as half. On the 2-hour test file at 96 px the two
 * took about as long (120 keyframes decoded for 7200 tiles, three 16 MP
 * sprites encoded).
 */
export function trackWorkDone(progress: TrackProgress): number {
  return progress.tiles > 0 ? (progress.settled + progress.drawnTiles) / (2 * progress.tiles) : 0;
}

/** One video's track: made on request, cancellable, with its progress. */
export class PlayerTrackJob {
  state = $state<TrackJobState>('idle');
  progress = $state.raw<TrackProgress | null>(null);
  /** How it ended, in words. */
  message = $state<string | null>(null);
  /** Seconds left, estimated from the tiles settled so far; null until there is something to go by. */
  secondsLeft = $state<number | null>(null);
  private controller: AbortController | null = null;

  constructor(
    private readonly sources: TrackSources & { activity: Pick<ActivityLog, 'add'> },
    private readonly videoName: string,
  ) {}

  get running(): boolean {
    return this.state === 'running';
  }

  async start(file: File, options: TrackOptions): Promise<void> {
    if (this.running) return;
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'running';
    this.message = null;
    this.progress = null;
    this.secondsLeft = null;
    const started = performance.now();
    const onProgress = (progress: TrackProgress) => {
      if (this.controller !== controller) return;
      this.progress = progress;
      const elapsed = (performance.now() - started) / 1000;
      const done = trackWorkDone(progress);
      this.secondsLeft = done > 0 && elapsed > 1 ? (elapsed * (1 - done)) / done : null;
    };
    try {
      const made = await makePlayerTrack(this.sources, file, options, onProgress, controller.signal);
      if (this.controller !== controller) return;
      const missed = made.missed > 0 ? `; ${made.missed} thumbnail${made.missed === 1 ? '' : 's'} could not be decoded and show${made.missed === 1 ? 's' : ''} the one before (${made.missReason})` : '';
      this.message = `Downloaded ${made.name}: ${made.cues} cues every ${options.seconds} s in ${made.sprites} sprite${made.sprites === 1 ? '' : 's'} (${formatBytes(made.bytes)})${missed}.`;
      this.state = 'done';
      this.sources.activity.add('download', this.videoName, `Downloaded ${made.name}: player thumbnails every ${options.seconds} s, ${made.cues} cues of ${made.tile.width}×${made.tile.height} in ${made.sprites} sprite${made.sprites === 1 ? '' : 's'}, ${made.frames} frames decoded (${formatBytes(made.bytes)})${missed}`, {
        archive: made.name,
        seconds: options.seconds,
        cues: made.cues,
        sprites: made.sprites,
        tile: made.tile,
        frames: made.frames,
        missed: made.missed,
        bytes: made.bytes,
      });
    } catch (error) {
      if (this.controller !== controller) return;
      if (controller.signal.aborted) {
        this.state = 'cancelled';
        this.message = 'Cancelled.';
      } else {
        this.state = 'error';
        this.message = error instanceof FileFailure ? error.message : `The player thumbnails could not be made: ${errorMessage(error)}`;
      }
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.secondsLeft = null;
      }
    }
  }

  cancel(): void {
    this.controller?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }
}

export class PlayerTracks {
  /** Seconds between a track's thumbnails. */
  seconds = $state<number>(TRACK_INTERVAL.default);
  private readonly jobs = new Map<string, PlayerTrackJob>();

  constructor(private readonly sources: TrackSources & { activity: Pick<ActivityLog, 'add'> }) {
    this.seconds = normalizeInterval(readLocalSetting(STORAGE_KEY), TRACK_INTERVAL.default);
  }

  /** Takes a typed-in interval: brought into range (a value that is no number keeps the last), and remembered. */
  setSeconds(value: unknown): void {
    this.seconds = normalizeInterval(value, this.seconds);
    writeLocalSetting(STORAGE_KEY, String(this.seconds));
  }

  /** The track job of video `id` (named `name`), made on first asking. */
  of(id: string, name: string): PlayerTrackJob {
    let job = this.jobs.get(id);
    if (!job) {
      job = new PlayerTrackJob(this.sources, name);
      this.jobs.set(id, job);
    }
    return job;
  }

  /** The video is gone: its track, if one is being made, is stopped and forgotten. */
  forget(id: string): void {
    this.jobs.get(id)?.cancel();
    this.jobs.delete(id);
  }
}
