import { describe, expect, it } from '@jest/globals';
import { codeOf, messageOf } from '../../src/errors.js';

describe('caught values', () => {
  it("messageOf gives an Error's message, or the thrown value as text", () => {
    expect(messageOf(new Error('disk on fire'))).toBe('disk on fire');
    expect(messageOf({ message: 'from another realm' })).toBe('from another realm');
    expect(messageOf('plain text')).toBe('plain text');
    expect(messageOf(undefined)).toBe('undefined');
    expect(messageOf({ message: 42 })).toBe('[object Object]');
  });

  it("codeOf gives a system error's code only when it is text", () => {
    expect(codeOf(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(codeOf(new Error('x'))).toBeUndefined();
    expect(codeOf({ code: 5 })).toBeUndefined();
    expect(codeOf(null)).toBeUndefined();
  });
});
