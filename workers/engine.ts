// The interface both decoding engines implement inside a worker.
import type { EngineTask, FrameFacts, Miss } from '../src/shared/types';

/** A decoded frame at the output size, before JPEG encoding. */
export interface RawFrame extends FrameFacts {
  rgba: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

export interface DecodeCallbacks {
  /** A frame is ready; the engine waits for the promise (encoding) before reusing memory. */
  frame(frame: RawFrame): Promise<void>;
  /** A target could not be decoded; the others go on. */
  miss(id: number, miss: Miss): void;
  /** Any sign of life, for the watchdog. */
  progress(): void;
}

export interface FrameEngine {
  decode(task: EngineTask, callbacks: DecodeCallbacks): Promise<void>;
}

/** A target that failed, with why. */
export function failed(message: string): Miss {
  return { kind: 'failed', message };
}
