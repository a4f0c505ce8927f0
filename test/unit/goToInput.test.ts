import { describe, expect, it } from 'vitest';
import { parseGoToInput } from '../../src/lib/goToInput';

describe('parseGoToInput', () => {
  const at = (time: number) => ({ kind: 'time', time, keyframe: false });

  it('reads m:ss.mmm and mm:ss.mmm as the exact frame at that time', () => {
    expect(parseGoToInput('4:12.48')).toEqual(at(252.48));
    expect(parseGoToInput('04:12.480')).toEqual(at(252.48));
    expect(parseGoToInput('0:00.040')).toEqual(at(0.04));
  });

  it('reads h:mm:ss.mmm', () => {
    expect(parseGoToInput('1:02:03.5')).toEqual(at(3723.5));
    expect(parseGoToInput('2:00:00')).toEqual(at(7200));
  });

  it('reads plain seconds, with a decimal point or comma, around spaces', () => {
    expect(parseGoToInput('252.48')).toEqual(at(252.48));
    expect(parseGoToInput(' 7 ')).toEqual(at(7));
    expect(parseGoToInput('3,5')).toEqual(at(3.5));
  });

  it('reads #N as a 0-based frame number', () => {
    expect(parseGoToInput('#6312')).toEqual({ kind: 'frame', number: 6312 });
    expect(parseGoToInput('#0')).toEqual({ kind: 'frame', number: 0 });
    expect(parseGoToInput(' # 12 ')).toEqual({ kind: 'frame', number: 12 });
  });

  it('refuses what names no frame', () => {
    for (const text of ['', '   ', 'abc', '#', '#-1', '#1.5', '#12a', '-3', '1:60', '1:60:00', '4:12:', '12#', '1e3', 'NaN', 'Infinity']) {
      expect(parseGoToInput(text), text).toBeNull();
    }
  });
});
