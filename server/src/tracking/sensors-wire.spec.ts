import { gzipSync } from 'node:zlib';
import { decodeSensors, sensorsParams } from './sensors-wire';

const b64 = (v: unknown, gzip = false): string => {
  const raw = Buffer.from(JSON.stringify(v), 'utf8');
  return (gzip ? gzipSync(raw) : raw).toString('base64');
};

describe('sensors wire format', () => {
  it('decodes data (one record) and data_list (an array), gzipped or not', () => {
    expect(decodeSensors({ data: b64({ type: 'track' }) })).toEqual({ ok: true, project: null, records: [{ type: 'track' }] });
    expect(decodeSensors({ data_list: b64([{ a: 1 }, { a: 2 }], true), gzip: '1', project: 'prod' })).toEqual({ ok: true, project: 'prod', records: [{ a: 1 }, { a: 2 }] });
  });

  it('puts back + signs a form decoder turned into spaces, and takes URL-safe base64', () => {
    const text = b64({ name: '重疾险？>>>' });
    expect(text).toMatch(/[+/]/);
    expect(decodeSensors({ data: text.replace(/\+/g, ' ') })).toMatchObject({ ok: true, records: [{ name: '重疾险？>>>' }] });
    expect(decodeSensors({ data: text.replace(/\+/g, '-').replace(/\//g, '_') })).toMatchObject({ ok: true, records: [{ name: '重疾险？>>>' }] });
  });

  it('says what is wrong with an undecodable payload', () => {
    expect(decodeSensors({})).toEqual({ ok: false, detail: 'neither data nor data_list was sent' });
    expect(decodeSensors({ data: '%%%' })).toEqual({ ok: false, detail: 'the payload is not base64' });
    expect(decodeSensors({ data: b64({ a: 1 }), gzip: '1' })).toEqual({ ok: false, detail: 'gzip=1 but the payload is not gzip' });
    expect(decodeSensors({ data: Buffer.from('not json').toString('base64') })).toEqual({ ok: false, detail: 'the decoded payload is not JSON' });
    expect(decodeSensors({ data: b64({}), gzip: '9' })).toMatchObject({ ok: false, detail: expect.stringContaining('gzip=9') });
  });

  it('refuses a gzip bomb without inflating it', () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 32)).toString('base64');
    expect(decodeSensors({ data_list: bomb, gzip: '1' })).toMatchObject({ ok: false, detail: expect.stringContaining('inflates past') });
  });

  it('reads parameters from the query, a form body, or a raw beacon text, the body winning', () => {
    expect(sensorsParams({ data: 'q', project: 'p1' }, { data: 'b' })).toMatchObject({ data: 'b', project: 'p1' });
    expect(sensorsParams({}, 'data_list=abc&gzip=1')).toMatchObject({ data_list: 'abc', gzip: '1' });
    expect(sensorsParams({ project: ['a', 'b'] }, undefined).project).toBe('a');
  });
});
