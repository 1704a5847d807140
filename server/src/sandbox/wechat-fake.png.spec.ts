import { inflateSync } from 'node:zlib';
import { fakeCodePng } from './wechat-fake.png';

describe('fake mini-program code PNG', () => {
  it('is a valid PNG whose pixels depend on the scene', () => {
    const png = fakeCodePng('r=abc12345', 280);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    const size = png.readUInt32BE(16);
    expect(size).toBe(png.readUInt32BE(20));
    expect(size).toBeGreaterThanOrEqual(200);
    // The IDAT chunk inflates to one filter byte plus one byte per pixel, per row.
    const idatLen = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    expect(raw.length).toBe(size * (size + 1));
    expect(raw.includes(0)).toBe(true);
    expect(fakeCodePng('r=abc12345', 280).equals(png)).toBe(true);
    expect(fakeCodePng('r=other', 280).equals(png)).toBe(false);
  });
});
