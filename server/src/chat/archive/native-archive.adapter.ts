import { existsSync } from 'node:fs';
import type * as Koffi from 'koffi';
import { ConfigError } from '../../platform/config';
import { ChatArchiveError, checkFetchArgs, type ChatArchivePort, type EncryptedChatRecord } from './chat-archive.port';

/**
 * The chat archive through the vendor's C SDK, libWeWorkFinanceSdk_C.so (Linux only, downloaded
 * from WeCom's admin console; no npm package exists), loaded with the koffi FFI only when this
 * adapter is constructed. Signatures as in WeWorkFinanceSdk_C.h:
 *
 *   WeWorkFinanceSdk_t* NewSdk();
 *   int  Init(WeWorkFinanceSdk_t* sdk, const char* corpid, const char* secret);
 *   int  GetChatData(WeWorkFinanceSdk_t* sdk, unsigned long long seq, unsigned int limit,
 *                    const char* proxy, const char* passwd, int timeout, Slice_t* chatDatas);
 *   int  DecryptData(const char* encrypt_key, const char* encrypt_msg, Slice_t* msg);
 *   int  GetMediaData(WeWorkFinanceSdk_t* sdk, const char* indexbuf, const char* sdkFileid,
 *                     const char* proxy, const char* passwd, int timeout, MediaData_t* media_data);
 *   void DestroySdk(WeWorkFinanceSdk_t* sdk);
 *   Slice_t* NewSlice();  void FreeSlice(Slice_t*);  char* GetContentFromSlice(Slice_t*);  int GetSliceLen(Slice_t*);
 *   MediaData_t* NewMediaData();  void FreeMediaData(MediaData_t*);  char* GetOutIndexBuf(MediaData_t*);
 *   char* GetData(MediaData_t*);  int GetIndexLen(MediaData_t*);  int GetDataLen(MediaData_t*);
 *   int IsMediaDataFinish(MediaData_t*);
 *
 * Every non-zero return is one of the SDK's codes (10000–10011) and becomes a ChatArchiveError.
 * The network calls (GetChatData, GetMediaData) run on koffi's worker threads, one at a time
 * (the SDK does not promise thread safety); DecryptData is local and runs inline.
 */
export interface NativeChatArchiveOptions {
  /** WECOM_ARCHIVE_SDK_PATH: the vendor's libWeWorkFinanceSdk_C.so. */
  libraryPath: string | undefined;
  /** WECOM_CORP_ID. */
  corpId: string | undefined;
  /** WECOM_ARCHIVE_SECRET: the chat archive's own secret. */
  secret: string | undefined;
  /** e.g. socks5://10.0.0.1:8081 or http://10.0.0.1:8081. */
  proxy?: string;
  /** user:password for the proxy. */
  proxyPassword?: string;
  /** Seconds the SDK waits for one network call. */
  timeoutSec: number;
}

/** What the adapter needs from outside; tests replace them. */
export interface NativeChatArchiveDeps {
  exists?: (path: string) => boolean;
  loadKoffi?: () => typeof Koffi;
}

type Ptr = unknown;
type Fn = ReturnType<Koffi.LibraryHandle['func']>;
type TypeSpec = string | Koffi.TypeObject;

interface Sdk {
  koffi: typeof Koffi;
  lib: Koffi.LibraryHandle;
  NewSdk: Fn; Init: Fn; DestroySdk: Fn; GetChatData: Fn; DecryptData: Fn; GetMediaData: Fn;
  NewSlice: Fn; FreeSlice: Fn; GetContentFromSlice: Fn; GetSliceLen: Fn;
  NewMediaData: Fn; FreeMediaData: Fn; GetOutIndexBuf: Fn; GetIndexLen: Fn; GetData: Fn; GetDataLen: Fn; IsMediaDataFinish: Fn;
}

const sdkHelp = "the vendor's Linux SDK; download it from WeCom's admin console: Management Tools > Chat Archive";

function defaultLoadKoffi(): typeof Koffi {
  // Required here, not imported at the top: only a configured real tenant loads the FFI.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('koffi') as typeof Koffi;
}

const isNull = (p: Ptr): boolean => p === null || p === undefined || p === 0n || p === 0;

function declare(koffi: typeof Koffi, lib: Koffi.LibraryHandle): Sdk {
  const SdkPtr = koffi.pointer(koffi.opaque());
  const SlicePtr = koffi.pointer(koffi.opaque());
  const MediaPtr = koffi.pointer(koffi.opaque());
  const str = 'const char *';
  const f = (name: string, result: TypeSpec, args: TypeSpec[]): Fn => lib.func(name, result, args);
  return {
    koffi,
    lib,
    NewSdk: f('NewSdk', SdkPtr, []),
    Init: f('Init', 'int', [SdkPtr, str, str]),
    DestroySdk: f('DestroySdk', 'void', [SdkPtr]),
    GetChatData: f('GetChatData', 'int', [SdkPtr, 'unsigned long long', 'unsigned int', str, str, 'int', SlicePtr]),
    DecryptData: f('DecryptData', 'int', [str, str, SlicePtr]),
    GetMediaData: f('GetMediaData', 'int', [SdkPtr, str, str, str, str, 'int', MediaPtr]),
    NewSlice: f('NewSlice', SlicePtr, []),
    FreeSlice: f('FreeSlice', 'void', [SlicePtr]),
    // void * (not char *): the bytes are read with their length, so nothing stops at a NUL.
    GetContentFromSlice: f('GetContentFromSlice', 'void *', [SlicePtr]),
    GetSliceLen: f('GetSliceLen', 'int', [SlicePtr]),
    NewMediaData: f('NewMediaData', MediaPtr, []),
    FreeMediaData: f('FreeMediaData', 'void', [MediaPtr]),
    GetOutIndexBuf: f('GetOutIndexBuf', 'void *', [MediaPtr]),
    GetIndexLen: f('GetIndexLen', 'int', [MediaPtr]),
    GetData: f('GetData', 'void *', [MediaPtr]),
    GetDataLen: f('GetDataLen', 'int', [MediaPtr]),
    IsMediaDataFinish: f('IsMediaDataFinish', 'int', [MediaPtr]),
  };
}

/** Configuration checks, all problems in one message. */
function checkOptions(o: NativeChatArchiveOptions, exists: (p: string) => boolean): { libraryPath: string; corpId: string; secret: string } {
  const missing = [
    !o.libraryPath?.trim() && `WECOM_ARCHIVE_SDK_PATH (the path to libWeWorkFinanceSdk_C.so, ${sdkHelp})`,
    !o.corpId?.trim() && 'WECOM_CORP_ID',
    !o.secret?.trim() && 'WECOM_ARCHIVE_SECRET (Admin console > Management Tools > Chat Archive > Secret)',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) throw new ConfigError(`Invalid configuration: the chat archive needs ${missing.join(', ')}`);
  const libraryPath = o.libraryPath!.trim();
  if (!exists(libraryPath)) throw new ConfigError(`Invalid configuration: WECOM_ARCHIVE_SDK_PATH: ${libraryPath} does not exist (${sdkHelp})`);
  if (!Number.isInteger(o.timeoutSec) || o.timeoutSec < 1) {
    throw new ConfigError(`Invalid configuration: the chat archive timeout must be a whole number of seconds ≥ 1 (got ${o.timeoutSec})`);
  }
  return { libraryPath, corpId: o.corpId!.trim(), secret: o.secret!.trim() };
}

/**
 * GetChatData's JSON → records in seq order. errcode ≠ 0 becomes a ChatArchiveError with that
 * code; JSON that does not parse, or an item missing a field, one with 10002 (retryable).
 */
export function parseChatDataResponse(json: string): EncryptedChatRecord[] {
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch (error) {
    throw new ChatArchiveError(10002, `GetChatData returned JSON that does not parse (${(error as Error).message})`);
  }
  if (typeof body !== 'object' || body === null) throw new ChatArchiveError(10002, 'GetChatData returned no JSON object');
  const { errcode, errmsg, chatdata } = body as { errcode?: unknown; errmsg?: unknown; chatdata?: unknown };
  if (errcode !== undefined && errcode !== 0) {
    const code = typeof errcode === 'number' ? errcode : Number(errcode);
    throw new ChatArchiveError(Number.isFinite(code) ? code : 10002, `GetChatData answered errcode ${String(errcode)} (${String(errmsg ?? '')})`);
  }
  if (chatdata === undefined || chatdata === null) return [];
  if (!Array.isArray(chatdata)) throw new ChatArchiveError(10002, 'GetChatData returned a chatdata that is not a list');
  const records = chatdata.map((item: unknown, i): EncryptedChatRecord => {
    const r = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const seq = r.seq;
    const wrong = (field: string): ChatArchiveError =>
      new ChatArchiveError(10002, `GetChatData item ${i}${typeof seq === 'number' ? ` (seq ${seq})` : ''} has no valid ${field}`, typeof seq === 'number' ? { seq } : {});
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw wrong('seq');
    if (typeof r.msgid !== 'string' || r.msgid === '') throw wrong('msgid');
    if (typeof r.publickey_ver !== 'number' || !Number.isInteger(r.publickey_ver)) throw wrong('publickey_ver');
    if (typeof r.encrypt_random_key !== 'string' || r.encrypt_random_key === '') throw wrong('encrypt_random_key');
    if (typeof r.encrypt_chat_msg !== 'string' || r.encrypt_chat_msg === '') throw wrong('encrypt_chat_msg');
    return { seq, msgid: r.msgid, publickeyVer: r.publickey_ver, encryptRandomKey: r.encrypt_random_key, encryptChatMsg: r.encrypt_chat_msg };
  });
  return records.sort((a, b) => a.seq - b.seq);
}

export class NativeChatArchive implements ChatArchivePort {
  private readonly sdk: Sdk;
  private handle: Ptr;
  /** The SDK's network calls, one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly proxy: string;
  private readonly proxyPassword: string;
  private readonly timeoutSec: number;

  constructor(options: NativeChatArchiveOptions, deps: NativeChatArchiveDeps = {}) {
    const { libraryPath, corpId, secret } = checkOptions(options, deps.exists ?? existsSync);
    const koffi = (deps.loadKoffi ?? defaultLoadKoffi)();
    let lib: Koffi.LibraryHandle;
    try {
      lib = koffi.load(libraryPath);
    } catch (error) {
      throw new ConfigError(
        `Invalid configuration: WECOM_ARCHIVE_SDK_PATH: ${libraryPath} could not be loaded (${(error as Error).message}); it must be the Linux build of ${sdkHelp} matching this machine's architecture`,
      );
    }
    try {
      this.sdk = declare(koffi, lib);
    } catch (error) {
      lib.unload();
      throw new ConfigError(`Invalid configuration: WECOM_ARCHIVE_SDK_PATH: ${libraryPath} is not the chat archive SDK (${(error as Error).message})`);
    }
    this.proxy = options.proxy ?? '';
    this.proxyPassword = options.proxyPassword ?? '';
    this.timeoutSec = options.timeoutSec;
    this.handle = this.sdk.NewSdk();
    if (isNull(this.handle)) throw new ChatArchiveError(10003, 'NewSdk returned no SDK instance');
    const ret = this.sdk.Init(this.handle, corpId, secret) as number;
    if (ret !== 0) {
      this.sdk.DestroySdk(this.handle);
      this.handle = null;
      throw new ChatArchiveError(ret, `Init failed for corp ${corpId}`);
    }
  }

  async fetch(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]> {
    checkFetchArgs(afterSeq, limit);
    const json = await this.serial(async () => {
      const sdk = this.open();
      const slice = this.newSlice();
      try {
        const ret = await this.callAsync(sdk.GetChatData, this.handle, afterSeq, limit, this.proxy, this.proxyPassword, this.timeoutSec, slice);
        if (ret !== 0) throw new ChatArchiveError(ret, `GetChatData after seq ${afterSeq} failed`, { seq: afterSeq });
        return this.sliceText(slice);
      } finally {
        sdk.FreeSlice(slice);
      }
    });
    return parseChatDataResponse(json);
  }

  async decrypt(randomKey: string, encryptChatMsg: string): Promise<string> {
    const sdk = this.open();
    const slice = this.newSlice();
    try {
      const ret = sdk.DecryptData(randomKey, encryptChatMsg, slice) as number;
      if (ret !== 0) throw new ChatArchiveError(ret, 'DecryptData failed');
      return this.sliceText(slice);
    } finally {
      sdk.FreeSlice(slice);
    }
  }

  async media(sdkFileId: string): Promise<Buffer> {
    if (!sdkFileId) throw new ChatArchiveError(10000, 'media needs an sdkfileid');
    return this.serial(async () => {
      const sdk = this.open();
      const chunks: Buffer[] = [];
      let index = '';
      for (;;) {
        const md: Ptr = sdk.NewMediaData();
        if (isNull(md)) throw new ChatArchiveError(10003, 'NewMediaData returned nothing');
        try {
          const ret = await this.callAsync(sdk.GetMediaData, this.handle, index, sdkFileId, this.proxy, this.proxyPassword, this.timeoutSec, md);
          if (ret !== 0) throw new ChatArchiveError(ret, `GetMediaData for ${sdkFileId} failed after ${chunks.length} slice(s)`);
          chunks.push(this.bytes(sdk.GetData(md), sdk.GetDataLen(md) as number));
          if ((sdk.IsMediaDataFinish(md) as number) === 1) return Buffer.concat(chunks);
          const next = this.bytes(sdk.GetOutIndexBuf(md), sdk.GetIndexLen(md) as number).toString('utf8');
          if (next === '' || next === index) throw new ChatArchiveError(10003, `GetMediaData for ${sdkFileId} is not finished but gave no next index`);
          index = next;
        } finally {
          sdk.FreeMediaData(md);
        }
      }
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (isNull(this.handle)) return;
    this.sdk.DestroySdk(this.handle);
    this.handle = null;
  }

  private open(): Sdk {
    if (isNull(this.handle)) throw new Error('The chat archive SDK was closed');
    return this.sdk;
  }

  private newSlice(): Ptr {
    const slice: Ptr = this.sdk.NewSlice();
    if (isNull(slice)) throw new ChatArchiveError(10003, 'NewSlice returned nothing');
    return slice;
  }

  private sliceText(slice: Ptr): string {
    return this.bytes(this.sdk.GetContentFromSlice(slice), this.sdk.GetSliceLen(slice) as number).toString('utf8');
  }

  /** A copy of `len` bytes at `ptr` (the SDK frees its memory with the slice). */
  private bytes(ptr: Ptr, len: number): Buffer {
    if (isNull(ptr) || !(len > 0)) return Buffer.alloc(0);
    return Buffer.from(new Uint8Array(this.sdk.koffi.view(ptr, len)));
  }

  private callAsync(fn: Fn, ...args: unknown[]): Promise<number> {
    return new Promise((resolve, reject) => {
      fn.async(...args, (err: unknown, res: number) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(res)));
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
