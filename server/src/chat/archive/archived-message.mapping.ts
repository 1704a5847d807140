/**
 * The decrypted archive message (DecryptData's plaintext JSON) → our vocabulary. Pure. Field
 * names follow WeCom's "获取会话内容" message formats; most bodies sit under the msgtype's own key,
 * but docmsg's under `doc`, external_redpacket's under `redpacket`, and markdown, news, voiptext
 * and qydiskfile under `info`.
 */

export type ArchiveAction = 'send' | 'recall' | 'switch';

export interface ArchivedMedia {
  /** The id GetMediaData takes. */
  sdkFileId: string;
  md5: string | null;
  size: number | null;
  /** The file extension without a dot, when the type or the body tells it. */
  ext: string | null;
}

export interface ArchivedMessage {
  msgid: string;
  action: ArchiveAction;
  /** The sender: a staff userid, an external_userid, or a robot id; for `switch`, the user who switched. */
  from: string;
  tolist: string[];
  roomId: string | null;
  at: Date;
  /** WeCom's msgtype (text, image, revoke, …), or `switch`. */
  type: string;
  /** What mining reads: the words in the message, or null when it carries none. */
  text: string | null;
  /** The body object as WeCom sent it ({} when there is none). */
  body: Record<string, unknown>;
  /** The file to fetch with GetMediaData (for mixed: the first one). */
  media: ArchivedMedia | null;
  /** agree / disagree: the customer's answer to chat archiving. */
  consent?: 'agree' | 'disagree';
  /** revoke: the msgid of the message taken back. */
  recalledMsgId?: string;
}

/** A plaintext the mapping cannot read; the caller parks it with its seq and msgid. */
export class ArchivedMessageError extends Error {
  constructor(
    readonly seq: number | null,
    readonly msgid: string | null,
    problem: string,
  ) {
    super(`Archived message seq ${seq ?? '?'} (msgid ${msgid ?? '?'}): ${problem}`);
    this.name = 'ArchivedMessageError';
  }
}

type Obj = Record<string, unknown>;

/** What a body reads as. */
interface Reading {
  text: string | null;
  media: ArchivedMedia | null;
  consent?: 'agree' | 'disagree';
  recalledMsgId?: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const num = (v: unknown): number | null => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The non-empty parts joined by newlines; null when none. */
const lines = (...parts: unknown[]): string | null => {
  const kept = parts.map(str).filter((p): p is string => p !== null);
  return kept.length > 0 ? kept.join('\n') : null;
};
const textOnly = (text: string | null): Reading => ({ text, media: null });
/** A JSON string or an object (mixed and chatrecord items carry their content as a JSON string). */
const objectOf = (v: unknown): Obj => {
  if (isObj(v)) return v;
  if (typeof v !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(v);
    return isObj(parsed) ? parsed : { content: v };
  } catch {
    return { content: v };
  }
};
const extOf = (filename: unknown): string | null => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(str(filename) ?? '');
  return m ? m[1]!.toLowerCase() : null;
};

function mediaOf(b: Obj, ext: string | null, sizeKey = 'filesize'): ArchivedMedia | null {
  const sdkFileId = str(b.sdkfileid);
  return sdkFileId ? { sdkFileId, md5: str(b.md5sum), size: num(b[sizeKey]), ext } : null;
}

/** Every msgtype the archive sends, with where its body sits and how it reads. */
const readers = {
  text: { keys: ['text'], read: (b: Obj) => textOnly(str(b.content)) },
  image: { keys: ['image'], read: (b: Obj) => ({ text: null, media: mediaOf(b, 'jpg') }) },
  revoke: {
    keys: ['revoke'],
    read: (b: Obj): Reading => ({ text: null, media: null, ...(str(b.pre_msgid) ? { recalledMsgId: str(b.pre_msgid)! } : {}) }),
  },
  agree: { keys: ['agree'], read: (): Reading => ({ text: null, media: null, consent: 'agree' }) },
  disagree: { keys: ['disagree'], read: (): Reading => ({ text: null, media: null, consent: 'disagree' }) },
  voice: { keys: ['voice'], read: (b: Obj) => ({ text: null, media: mediaOf(b, 'amr', 'voice_size') }) },
  video: { keys: ['video'], read: (b: Obj) => ({ text: null, media: mediaOf(b, 'mp4') }) },
  card: { keys: ['card'], read: (b: Obj) => textOnly(lines(b.corpname, b.userid)) },
  location: { keys: ['location'], read: (b: Obj) => textOnly(lines(b.title, b.address)) },
  emotion: {
    // type 1 is an animated GIF, 2 a still PNG.
    keys: ['emotion'],
    read: (b: Obj) => ({ text: null, media: mediaOf(b, num(b.type) === 1 ? 'gif' : num(b.type) === 2 ? 'png' : null, 'imagesize') }),
  },
  file: {
    keys: ['file'],
    read: (b: Obj) => ({ text: lines(b.filename), media: mediaOf(b, str(b.fileext)?.toLowerCase() ?? extOf(b.filename)) }),
  },
  link: { keys: ['link'], read: (b: Obj) => textOnly(lines(b.title, b.description)) },
  weapp: { keys: ['weapp'], read: (b: Obj) => textOnly(lines(b.title)) },
  chatrecord: { keys: ['chatrecord'], read: (b: Obj) => readChatRecord(b) },
  todo: { keys: ['todo'], read: (b: Obj) => textOnly(lines(b.title, b.content)) },
  vote: { keys: ['vote'], read: (b: Obj) => textOnly(lines(b.votetitle, ...list(b.voteitem))) },
  collect: {
    keys: ['collect'],
    read: (b: Obj) => textOnly(lines(b.title, ...list(b.details).map((d) => (isObj(d) ? d.ques : null)))),
  },
  redpacket: { keys: ['redpacket'], read: (b: Obj) => textOnly(lines(b.wish)) },
  meeting: { keys: ['meeting'], read: (b: Obj) => textOnly(lines(b.topic, b.remarks)) },
  docmsg: { keys: ['doc', 'docmsg'], read: (b: Obj) => textOnly(lines(b.title)) },
  markdown: { keys: ['info', 'markdown'], read: (b: Obj) => textOnly(lines(b.content ?? b.markdown)) },
  news: {
    keys: ['info', 'news'],
    read: (b: Obj) => textOnly(lines(...list(b.item).flatMap((i) => (isObj(i) ? [i.title, i.description] : [])))),
  },
  calendar: { keys: ['calendar'], read: (b: Obj) => textOnly(lines(b.title, b.place, b.remarks)) },
  mixed: { keys: ['mixed'], read: (b: Obj) => readMixed(b) },
  meeting_voice_call: { keys: ['meeting_voice_call'], read: (b: Obj) => ({ text: null, media: mediaOf(b, null) }) },
  voip_doc_share: { keys: ['voip_doc_share'], read: (b: Obj) => ({ text: lines(b.filename), media: mediaOf(b, extOf(b.filename)) }) },
  external_redpacket: { keys: ['redpacket', 'external_redpacket'], read: (b: Obj) => textOnly(lines(b.wish)) },
  sphfeed: { keys: ['sphfeed'], read: (b: Obj) => textOnly(lines(b.sph_name, b.feed_desc)) },
  voiptext: { keys: ['voiptext', 'info'], read: () => textOnly(null) },
  qydiskfile: { keys: ['info', 'qydiskfile'], read: (b: Obj) => textOnly(lines(b.filename)) },
} satisfies Record<string, { keys: readonly string[]; read: (b: Obj) => Reading }>;

export type ArchivedMessageType = keyof typeof readers;

/** The msgtypes read field by field; any other type keeps its body with no text. */
export const archivedMessageTypes = Object.keys(readers) as ArchivedMessageType[];

const isKnownType = (t: string): t is ArchivedMessageType => Object.prototype.hasOwnProperty.call(readers, t);

/** A type's body: the first of its keys present, else {}. */
function bodyOf(type: string, whole: Obj): Obj {
  const keys = isKnownType(type) ? readers[type].keys : [type, 'info'];
  for (const k of keys) if (isObj(whole[k])) return whole[k];
  return {};
}

/** One type's reading; unknown types carry no text, but a file when their body names one. */
function readBody(type: string, body: Obj): Reading {
  return isKnownType(type) ? readers[type].read(body) : { text: null, media: mediaOf(body, extOf(body.filename)) };
}

/** mixed: items of {type, content (a JSON string)}; their words joined, the first file kept. */
function readMixed(b: Obj): Reading {
  const readings = list(b.item)
    .filter(isObj)
    .map((item) => {
      const type = str(item.type) ?? '';
      return type === 'mixed' ? textOnly(null) : readBody(type, objectOf(item.content));
    });
  return { text: lines(...readings.map((r) => r.text)), media: readings.find((r) => r.media)?.media ?? null };
}

/** chatrecord: a forwarded conversation; items typed ChatRecordText, ChatRecordFile, … */
function readChatRecord(b: Obj): Reading {
  const texts = list(b.item)
    .filter(isObj)
    .map((item) => {
      const type = (str(item.type) ?? '').replace(/^ChatRecord/i, '').toLowerCase();
      const content = objectOf(item.content);
      if (type === 'chatrecord' || type === 'mixed') return lines(content.title, content.content);
      return isKnownType(type) ? readBody(type, content).text : lines(content.content, content.title);
    });
  return textOnly(lines(b.title, ...texts));
}

/** msgtime (ms) or, for switch, time (ms) → a Date; null when it is not a usable time. */
function dateOf(v: unknown): Date | null {
  const ms = num(v);
  return ms !== null && ms > 0 ? new Date(ms) : null;
}

/**
 * DecryptData's plaintext → an ArchivedMessage. `record` gives the seq and msgid named when the
 * plaintext is bad (not JSON, no msgid, an unknown action, no time or sender): an
 * ArchivedMessageError the caller parks.
 */
export function mapArchivedMessage(plaintext: string, record: { seq?: number; msgid?: string } = {}): ArchivedMessage {
  const seq = record.seq ?? null;
  let whole: unknown;
  try {
    whole = JSON.parse(plaintext);
  } catch (error) {
    throw new ArchivedMessageError(seq, record.msgid ?? null, `the plaintext is not JSON (${(error as Error).message})`);
  }
  if (!isObj(whole)) throw new ArchivedMessageError(seq, record.msgid ?? null, 'the plaintext is not a JSON object');
  const msgid = str(whole.msgid);
  const fail = (problem: string): ArchivedMessageError => new ArchivedMessageError(seq, msgid ?? record.msgid ?? null, problem);
  if (!msgid) throw fail('it has no msgid');
  const action = whole.action;
  if (action !== 'send' && action !== 'recall' && action !== 'switch') throw fail(`unknown action ${JSON.stringify(action)}`);

  if (action === 'switch') {
    // The enterprise log-in switch: {msgid, action, time, user}, no body.
    const at = dateOf(whole.time ?? whole.msgtime);
    if (!at) throw fail('a switch record without a time');
    const from = str(whole.user) ?? str(whole.from) ?? '';
    return { msgid, action, from, tolist: [], roomId: null, at, type: 'switch', text: null, body: {}, media: null };
  }

  const at = dateOf(whole.msgtime);
  if (!at) throw fail('no msgtime');
  const from = str(whole.from);
  if (!from) throw fail('no sender (from)');
  const type = str(whole.msgtype);
  if (!type) throw fail('no msgtype');
  const body = bodyOf(type, whole);
  const reading = readBody(type, body);
  return {
    msgid,
    action,
    from,
    tolist: list(whole.tolist).filter((t): t is string => typeof t === 'string' && t !== ''),
    roomId: str(whole.roomid),
    at,
    type,
    text: reading.text,
    body,
    media: reading.media,
    ...(reading.consent ? { consent: reading.consent } : {}),
    ...(reading.recalledMsgId ? { recalledMsgId: reading.recalledMsgId } : {}),
  };
}

export type SenderKind = 'customer' | 'staff' | 'room';

/**
 * Who an id in from / tolist / roomid is: external_userids start with `wo` (a WeChat user) or `wm`
 * (a WeCom user of another corp), room ids with `wr`; anything else is staff. A staff userid
 * may itself begin with those letters: pass the known staff ids and they win.
 */
export function senderKind(id: string, staffIds?: ReadonlySet<string>): SenderKind {
  if (staffIds?.has(id)) return 'staff';
  if (id.startsWith('wo') || id.startsWith('wm')) return 'customer';
  if (id.startsWith('wr')) return 'room';
  return 'staff';
}
