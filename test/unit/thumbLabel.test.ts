import { describe, expect, it } from 'vitest';
import { spokenTime, thumbLabel, type ThumbSpeech } from '../../src/lib/thumbLabel';

describe('spokenTime', () => {
  it('says hours, minutes and seconds in words, leaving out leading zero units', () => {
    expect(spokenTime(0)).toBe('0 seconds');
    expect(spokenTime(1)).toBe('1 second');
    expect(spokenTime(4.25)).toBe('4.25 seconds');
    expect(spokenTime(60)).toBe('1 minute');
    expect(spokenTime(64.0005)).toBe('1 minute 4.001 seconds');
    expect(spokenTime(3725.5)).toBe('1 hour 2 minutes 5.5 seconds');
    expect(spokenTime(3600)).toBe('1 hour 0 minutes');
  });
});

describe('thumbLabel', () => {
  const base: ThumbSpeech = { time: 4.25, pts: 4.25, frameNumber: 102, frameNumberDerived: false, pictType: 'I', keyframe: true, suggested: false, badges: '', repeatOf: null };

  it('gives the time, the frame and its type', () => {
    expect(thumbLabel(base)).toBe('4.25 seconds: frame 102, I frame, keyframe');
    expect(thumbLabel({ ...base, pictType: 'B', keyframe: false, frameNumberDerived: true })).toBe('4.25 seconds: about frame 102, B frame');
    expect(thumbLabel({ ...base, frameNumber: null })).toBe('4.25 seconds: frame number unknown, I frame, keyframe');
  });

  it('says where the frame shown is when it is not at the requested time, then the judgement', () => {
    expect(thumbLabel({ ...base, pts: 4, suggested: true, badges: 'blurry', repeatOf: 2 })).toBe(
      '4.25 seconds: frame 102, I frame, keyframe, shown frame at 4 seconds, suggested, blurry, the same frame as at 2 seconds',
    );
  });
});
