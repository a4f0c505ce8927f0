// The extraction settings of the contract: ranges, defaults, clamping. Pure.
import type { EnginePreference, Mode } from './engine/types';

export interface Settings {
  count: number;
  width: number;
  quality: number;
  mode: Mode;
  workers: number;
  engine: EnginePreference;
}

export const LIMITS = {
  count: { min: 1, max: 1000 },
  width: { min: 32, max: 3840 },
  quality: { min: 1, max: 100 },
  workers: { min: 1, max: 16 },
} as const;

export const MODES: readonly Mode[] = ['fast', 'exact'];
export const ENGINES: readonly EnginePreference[] = ['auto', 'ffmpeg', 'webcodecs'];

/**
 * Workers by default: one per core, at most 4. On our 2-core machines the
 * benchmark is fastest with 2 (decode and encode of one batch overlap the
 * other's); past the core count, workers only add memory.
 */
export function defaultWorkers(hardwareConcurrency: number | undefined): number {
  return clampInt(hardwareConcurrency ?? 2, 1, 4);
}

export function defaultSettings(hardwareConcurrency?: number): Settings {
  return { count: 15, width: 320, quality: 80, mode: 'fast', workers: defaultWorkers(hardwareConcurrency), engine: 'auto' };
}

export function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Brings every field into its range (a number typed into an input can be anything). */
export function normalizeSettings(input: Settings, fallback: Settings): Settings {
  return {
    count: clampInt(input.count, LIMITS.count.min, LIMITS.count.max),
    width: clampInt(input.width, LIMITS.width.min, LIMITS.width.max),
    quality: clampInt(input.quality, LIMITS.quality.min, LIMITS.quality.max),
    mode: MODES.includes(input.mode) ? input.mode : fallback.mode,
    workers: clampInt(input.workers, LIMITS.workers.min, LIMITS.workers.max),
    engine: ENGINES.includes(input.engine) ? input.engine : fallback.engine,
  };
}
