import { describe, expect, it } from 'vitest';
import { deriveFrameNumber, identityFromDecoded } from '../../src/shared/identity';
import type { DecodedFrame, VideoInfo } from '../../src/shared/types';

const info = { frameRate: 25, firstFramePts: 0.04 } as VideoInfo;
const frame = (pts: number, exact: boolean | null): DecodedFrame => ({ id: 0, jpeg: new ArrayBuffer(0), pts, keyframe: true, pictType: 'I', exact, decodeMs: 0, encodeMs: 0, score: { mean: 0, spread: 0, sharpness: 0, hash: '0000000000000000' }, scoring: { frames: 1, ms: 0 } });

describe('deriveFrameNumber', () => {
  it('counts frames from the first one at the frame rate', () => {
    expect(deriveFrameNumber(0.04, 0.04, 25)).toBe(0);
    expect(deriveFrameNumber(2.92, 0.04, 25)).toBe(72);
  });

  it('is unknown without a frame rate', () => {
    expect(deriveFrameNumber(1, 0, null)).toBeNull();
    expect(deriveFrameNumber(1, 0, 0)).toBeNull();
  });
});

describe('identityFromDecoded', () => {
  it('trusts the engine when it knows whether the frame is the displayed one', () => {
    expect(identityFromDecoded(frame(2.88, true), 2.9, info, 'exact')).toEqual({ pts: 2.88, keyframe: true, exact: true, frameNumber: 71, frameNumberDerived: true });
  });

  it('in fast mode judges exactness from the frame duration', () => {
    expect(identityFromDecoded(frame(2.92, null), 2.93, info, 'fast').exact).toBe(true);
    expect(identityFromDecoded(frame(2.92, null), 2.97, info, 'fast').exact).toBe(false);
  });
});
