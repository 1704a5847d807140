import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import koffi from 'koffi';
import { ConfigError } from '../../platform/config';
import { ChatArchiveError } from './chat-archive.port';
import { NativeChatArchive, parseChatDataResponse } from './native-archive.adapter';

const item = (seq: number) => ({ seq, msgid: `m${seq}`, publickey_ver: 2, encrypt_random_key: `k${seq}`, encrypt_chat_msg: `c${seq}` });

describe('parseChatDataResponse', () => {
  it('reads GetChatData JSON into records in seq order', () => {
    const json = JSON.stringify({ errcode: 0, errmsg: 'ok', chatdata: [item(197), item(196)] });
    expect(parseChatDataResponse(json)).toEqual([
      { seq: 196, msgid: 'm196', publickeyVer: 2, encryptRandomKey: 'k196', encryptChatMsg: 'c196' },
      { seq: 197, msgid: 'm197', publickeyVer: 2, encryptRandomKey: 'k197', encryptChatMsg: 'c197' },
    ]);
    expect(parseChatDataResponse('{"errcode":0,"errmsg":"ok","chatdata":[]}')).toEqual([]);
    expect(parseChatDataResponse('{"errcode":0,"errmsg":"ok"}')).toEqual([]);
  });

  it('turns errcode ≠ 0 into a ChatArchiveError with that code', () => {
    expect(() => parseChatDataResponse('{"errcode":10009,"errmsg":"ip not allowed"}')).toThrow(
      expect.objectContaining({ code: 10009, retryable: false, message: expect.stringContaining('ip not allowed') }),
    );
    expect(() => parseChatDataResponse('{"errcode":10001,"errmsg":"network"}')).toThrow(expect.objectContaining({ code: 10001, retryable: true }));
  });

  it('reads JSON that does not parse, or an item missing a field, as a parse error (10002) naming the item', () => {
    expect(() => parseChatDataResponse('<html>')).toThrow(expect.objectContaining({ code: 10002 }));
    expect(() => parseChatDataResponse('{"errcode":0,"chatdata":{}}')).toThrow(/not a list/);
    const bad = { ...item(5), publickey_ver: '2' };
    expect(() => parseChatDataResponse(JSON.stringify({ errcode: 0, chatdata: [item(4), bad] }))).toThrow(
      expect.objectContaining({ code: 10002, seq: 5, message: expect.stringContaining('item 1 (seq 5) has no valid publickey_ver') }),
    );
    expect(() => parseChatDataResponse(JSON.stringify({ errcode: 0, chatdata: [{ msgid: 'x' }] }))).toThrow(/item 0 has no valid seq/);
  });
});

describe('NativeChatArchive configuration', () => {
  const options = { libraryPath: '/opt/wecom/libWeWorkFinanceSdk_C.so', corpId: 'ww123', secret: 's', timeoutSec: 10 };

  it('names every missing setting in one error, before loading the FFI', () => {
    const loadKoffi = jest.fn();
    expect(() => new NativeChatArchive({ libraryPath: undefined, corpId: 'ww123', secret: undefined, timeoutSec: 10 }, { loadKoffi })).toThrow(
      /the chat archive needs WECOM_ARCHIVE_SDK_PATH \(the path to libWeWorkFinanceSdk_C.so.*\), WECOM_ARCHIVE_SECRET/,
    );
    expect(loadKoffi).not.toHaveBeenCalled();
  });

  it('says the library file does not exist and where to get it', () => {
    const loadKoffi = jest.fn();
    const make = () => new NativeChatArchive(options, { exists: () => false, loadKoffi });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(
      "Invalid configuration: WECOM_ARCHIVE_SDK_PATH: /opt/wecom/libWeWorkFinanceSdk_C.so does not exist (the vendor's Linux SDK; download it from WeCom's admin console",
    );
    expect(loadKoffi).not.toHaveBeenCalled();
  });

  it('says a file that is not a loadable library could not be loaded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'archive-sdk-'));
    try {
      const path = join(dir, 'libWeWorkFinanceSdk_C.so');
      writeFileSync(path, 'not a library');
      expect(() => new NativeChatArchive({ ...options, libraryPath: path })).toThrow(/WECOM_ARCHIVE_SDK_PATH: .* could not be loaded/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A stand-in for the vendor library with the header's exact signatures, compiled here when a C
 * compiler exists: it proves the FFI declarations, slice handling, media paging and freeing.
 */
const stubSource = String.raw`
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
typedef struct WeWorkFinanceSdk_t { int inited; } WeWorkFinanceSdk_t;
typedef struct Slice_t { char* buf; int len; } Slice_t;
typedef struct MediaData { char* outindexbuf; int out_len; char* data; int data_len; int is_finish; } MediaData_t;
static int live = 0;
static char last_call[512];
int LiveHandles(void) { return live; }
const char* LastCall(void) { return last_call; }
static void put(Slice_t* s, const char* text) { s->len = (int)strlen(text); s->buf = malloc(s->len + 1); memcpy(s->buf, text, s->len + 1); }
WeWorkFinanceSdk_t* NewSdk(void) { live++; return calloc(1, sizeof(WeWorkFinanceSdk_t)); }
int Init(WeWorkFinanceSdk_t* sdk, const char* corpid, const char* secret) { if (strcmp(secret, "good-secret") != 0) return 10004; sdk->inited = 1; return 0; }
void DestroySdk(WeWorkFinanceSdk_t* sdk) { live--; free(sdk); }
Slice_t* NewSlice(void) { live++; return calloc(1, sizeof(Slice_t)); }
void FreeSlice(Slice_t* s) { if (s) { live--; free(s->buf); free(s); } }
char* GetContentFromSlice(Slice_t* s) { return s->buf; }
int GetSliceLen(Slice_t* s) { return s->len; }
int GetChatData(WeWorkFinanceSdk_t* sdk, unsigned long long seq, unsigned int limit, const char* proxy, const char* passwd, int timeout, Slice_t* out) {
  snprintf(last_call, sizeof last_call, "%llu|%u|%s|%s|%d", seq, limit, proxy, passwd, timeout);
  if (seq == 999) return 10001;
  char buf[8192]; int n = snprintf(buf, sizeof buf, "{\"errcode\":0,\"errmsg\":\"ok\",\"chatdata\":[");
  for (unsigned long long s = seq + 1; s <= seq + limit && s <= 5; s++)
    n += snprintf(buf + n, sizeof buf - n, "%s{\"seq\":%llu,\"msgid\":\"m%llu\",\"publickey_ver\":1,\"encrypt_random_key\":\"k%llu\",\"encrypt_chat_msg\":\"c%llu\"}", s > seq + 1 ? "," : "", s, s, s, s);
  snprintf(buf + n, sizeof buf - n, "]}");
  put(out, buf);
  return 0;
}
int DecryptData(const char* key, const char* msg, Slice_t* out) {
  if (strcmp(key, "bad") == 0) return 10006;
  char buf[1024]; snprintf(buf, sizeof buf, "{\"key\":\"%s\",\"msg\":\"%s\",\"text\":\"\xe4\xbd\xa0\xe5\xa5\xbd\"}", key, msg); put(out, buf);
  return 0;
}
MediaData_t* NewMediaData(void) { live++; return calloc(1, sizeof(MediaData_t)); }
void FreeMediaData(MediaData_t* m) { if (m) { live--; free(m->outindexbuf); free(m->data); free(m); } }
int GetMediaData(WeWorkFinanceSdk_t* sdk, const char* index, const char* fileid, const char* proxy, const char* passwd, int timeout, MediaData_t* m) {
  if (strcmp(fileid, "stuck") == 0) { m->is_finish = 0; return 0; }
  if (strcmp(fileid, "file-1") != 0) return 10005;
  int part = index[0] ? atoi(index) : 0;
  m->data_len = 3; m->data = malloc(3); m->data[0] = (char)('a' + part); m->data[1] = 0; m->data[2] = 'z';
  m->is_finish = part == 2;
  char next[16]; snprintf(next, sizeof next, "%d", part + 1); m->out_len = (int)strlen(next); m->outindexbuf = strdup(next);
  return 0;
}
char* GetOutIndexBuf(MediaData_t* m) { return m->outindexbuf; }
char* GetData(MediaData_t* m) { return m->data; }
int GetIndexLen(MediaData_t* m) { return m->out_len; }
int GetDataLen(MediaData_t* m) { return m->data_len; }
int IsMediaDataFinish(MediaData_t* m) { return m->is_finish; }
`;

const haveCc = spawnSync('cc', ['--version']).status === 0;

(haveCc ? describe : describe.skip)('NativeChatArchive over a stub of the vendor library', () => {
  let dir: string;
  let libraryPath: string;
  let live: () => number;
  let lastCall: () => string;
  let archive: NativeChatArchive;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'archive-stub-'));
    writeFileSync(join(dir, 'stub.c'), stubSource);
    libraryPath = join(dir, 'libWeWorkFinanceSdk_C.so');
    execFileSync('cc', ['-shared', '-fPIC', '-o', libraryPath, join(dir, 'stub.c')]);
    const lib = koffi.load(libraryPath);
    const liveFn = lib.func('int LiveHandles(void)');
    const lastFn = lib.func('const char *LastCall(void)');
    live = () => liveFn() as number;
    lastCall = () => lastFn() as string;
    archive = new NativeChatArchive({ libraryPath, corpId: 'ww123', secret: 'good-secret', proxy: 'socks5://10.0.0.1:8081', proxyPassword: 'u:p', timeoutSec: 7 });
  });

  afterAll(async () => {
    await archive?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetches records after a seq, passing limit, proxy and timeout, and frees the slice', async () => {
    const before = live();
    await expect(archive.fetch(2, 2)).resolves.toEqual([
      { seq: 3, msgid: 'm3', publickeyVer: 1, encryptRandomKey: 'k3', encryptChatMsg: 'c3' },
      { seq: 4, msgid: 'm4', publickeyVer: 1, encryptRandomKey: 'k4', encryptChatMsg: 'c4' },
    ]);
    expect(lastCall()).toBe('2|2|socks5://10.0.0.1:8081|u:p|7');
    await expect(archive.fetch(5, 100)).resolves.toEqual([]);
    expect(live()).toBe(before);
  });

  it('turns a non-zero return into a ChatArchiveError and still frees the slice', async () => {
    const before = live();
    await expect(archive.fetch(999, 10)).rejects.toMatchObject({ code: 10001, retryable: true, seq: 999 });
    await expect(archive.fetch(0, 1001)).rejects.toMatchObject({ code: 10000 });
    expect(live()).toBe(before);
  });

  it('decrypts through DecryptData, reading UTF-8 by length', async () => {
    await expect(archive.decrypt('rk', 'msg')).resolves.toBe('{"key":"rk","msg":"msg","text":"你好"}');
    await expect(archive.decrypt('bad', 'msg')).rejects.toMatchObject({ code: 10006 });
  });

  it('pages media until is_finish, keeping NUL bytes, and frees every chunk', async () => {
    const before = live();
    const data = await archive.media('file-1');
    expect([...data]).toEqual([97, 0, 122, 98, 0, 122, 99, 0, 122]);
    await expect(archive.media('nope')).rejects.toMatchObject({ code: 10005 });
    await expect(archive.media('stuck')).rejects.toThrow(/not finished but gave no next index/);
    expect(live()).toBe(before);
  });

  it('refuses a wrong secret at Init with 10004 and frees the SDK', () => {
    const before = live();
    let thrown: unknown;
    try {
      new NativeChatArchive({ libraryPath, corpId: 'ww123', secret: 'wrong', timeoutSec: 5 });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ChatArchiveError);
    expect(thrown).toMatchObject({ code: 10004, message: expect.stringContaining('WECOM_ARCHIVE_SECRET') });
    expect(live()).toBe(before);
  });

  it('destroys the SDK on close, after which calls fail', async () => {
    const other = new NativeChatArchive({ libraryPath, corpId: 'ww123', secret: 'good-secret', timeoutSec: 5 });
    const before = live();
    await other.close();
    expect(live()).toBe(before - 1);
    await expect(other.fetch(0, 1)).rejects.toThrow(/closed/);
    await other.close();
    expect(live()).toBe(before - 1);
  });
});
