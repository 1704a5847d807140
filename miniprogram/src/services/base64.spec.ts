import { base64Encode } from './base64';

describe('base64Encode (UTF-8, without btoa or TextEncoder)', () => {
  it.each([
    ['', 'empty'],
    ['a', 'one byte (two pads)'],
    ['ab', 'two bytes (one pad)'],
    ['abc', 'three bytes (no pad)'],
    ['[{"event":"$MPViewScreen","distinct_id":"01a2"}]', 'a Sensors record'],
    ['签到 +5 积分：已连续签到 1 天', 'Chinese'],
    ['保障 🛡️ 𠮷', 'surrogate pairs'],
  ])('encodes %j (%s) as Node does', (text) => {
    expect(base64Encode(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });

  it('replaces a lone surrogate with U+FFFD, as UTF-8 encoders do', () => {
    expect(Buffer.from(base64Encode('a\ud800b'), 'base64').toString('utf8')).toBe('a\ufffdb');
  });
});
