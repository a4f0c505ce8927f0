import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/shared/errorMessage';

describe('errorMessage', () => {
  it('reads an Error', () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
  });
  it("reads what Emscripten's exit() throws, which is not an Error", () => {
    expect(errorMessage({ name: 'ExitStatus', message: 'Program terminated with exit(1)', status: 1 })).toBe('Program terminated with exit(1)');
  });
  it('never says [object Object]', () => {
    expect(errorMessage({ code: 7 })).toBe('{"code":7}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(errorMessage(cyclic)).toBe('an error that gave no message');
  });
  it('reads strings and other values', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
