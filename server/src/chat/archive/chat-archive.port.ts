import { archiveErrorMeaning } from './archive-error.meaning';

/** One record as GetChatData returns it (still encrypted). */
export interface EncryptedChatRecord {
  seq: number;
  msgid: string;
  /** The version of the corp's RSA key pair the random key was encrypted for. */
  publickeyVer: number;
  /** Base64 of the random key, RSA PKCS#1 v1.5-encrypted with the public key of `publickeyVer`. */
  encryptRandomKey: string;
  /** The message, encrypted by the vendor; only DecryptData opens it. */
  encryptChatMsg: string;
}

/**
 * The chat archive (会话内容存档): the vendor's SDK for a real tenant (native adapter), a fake in
 * the sandbox. Unwrapping the random key with the corp's private keys is not the port's job: the
 * ArchiveKeyRing does it between `fetch` and `decrypt`.
 */
export interface ChatArchivePort {
  /** Records with seq greater than `afterSeq`, at most `limit` (1..1000), in seq order. Throws ChatArchiveError. */
  fetch(afterSeq: number, limit: number): Promise<EncryptedChatRecord[]>;
  /** The SDK's DecryptData: the unwrapped random key and encrypt_chat_msg → the plaintext JSON string. */
  decrypt(randomKey: string, encryptChatMsg: string): Promise<string>;
  /** GetMediaData until is_finish (512 KB slices): the whole file. */
  media(sdkFileId: string): Promise<Buffer>;
  close(): Promise<void>;
}

export interface ChatArchiveErrorContext {
  seq?: number;
  publickeyVer?: number;
  cause?: unknown;
}

/**
 * A chat-archive call that failed with one of the SDK's codes (10000–10011, see
 * archive-error.meaning.ts). `retryable` says whether the same call may succeed later.
 */
export class ChatArchiveError extends Error {
  readonly retryable: boolean;
  readonly hint: string;
  readonly seq: number | undefined;
  readonly publickeyVer: number | undefined;

  constructor(
    readonly code: number,
    detail: string,
    context: ChatArchiveErrorContext = {},
  ) {
    const meaning = archiveErrorMeaning(code);
    super(`Chat archive: ${detail} (${code}): ${meaning.hint}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'ChatArchiveError';
    this.retryable = meaning.retryable;
    this.hint = meaning.hint;
    this.seq = context.seq;
    this.publickeyVer = context.publickeyVer;
  }
}

/** The most records one GetChatData call may ask for. */
export const maxFetchLimit = 1000;

/** Checks fetch's arguments the way every adapter must: a bad one is a parameter error (10000). */
export function checkFetchArgs(afterSeq: number, limit: number): void {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
    throw new ChatArchiveError(10000, `afterSeq must be a whole number ≥ 0 (got ${afterSeq})`);
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > maxFetchLimit) {
    throw new ChatArchiveError(10000, `limit must be 1..${maxFetchLimit} (got ${limit})`);
  }
}
