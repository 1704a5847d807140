import { createHash } from 'node:crypto';
import { field } from './callback-xml';

/**
 * Every callback in our vocabulary. WeCom's field names stop here; a new kind fails to compile
 * in every exhaustive switch until it is handled.
 */
export type WecomEvent =
  | { kind: 'contact.added'; userId: string; externalUserId: string; state: string | null; welcomeCode: string | null; half: boolean }
  | { kind: 'contact.edited'; userId: string; externalUserId: string }
  | { kind: 'contact.deleted_by_agent'; userId: string; externalUserId: string; byTransfer: boolean }
  | { kind: 'contact.deleted_by_customer'; userId: string; externalUserId: string }
  | { kind: 'contact.transfer_failed'; userId: string; externalUserId: string; reason: string }
  | { kind: 'contact.archive_approved'; userId: string; externalUserId: string }
  | { kind: 'group.created'; chatId: string }
  | { kind: 'group.updated'; chatId: string; detail: string; joinScene: number | null; quitScene: number | null; memberChangeCount: number | null; memberIds: string[] }
  | { kind: 'group.dismissed'; chatId: string }
  | { kind: 'tag.changed'; change: 'create' | 'update' | 'delete' | 'shuffle'; id: string; tagType: 'tag' | 'tag_group' | null }
  | { kind: 'staff.changed'; change: string; userId: string | null }
  | { kind: 'archive.notify' }
  | { kind: 'unknown'; event: string; changeType: string };

export type WecomEventKind = WecomEvent['kind'];

export interface ParsedCallback {
  event: WecomEvent;
  /** Seconds since the epoch, as WeCom sent it. */
  createTime: number;
  /** The same event delivered again (WeCom retries) has the same key. */
  dedupeKey: string;
}

const num = (s: string): number | null => (/^-?\d+$/.test(s) ? Number(s) : null);

/** `<MemChangeList><Item>a</Item><Item>b</Item></MemChangeList>` → ['a', 'b']. */
function memberList(xml: Record<string, unknown>): string[] {
  const list = xml.MemChangeList;
  const items = list && typeof list === 'object' ? (list as { Item?: unknown }).Item : undefined;
  return (Array.isArray(items) ? items : items === undefined ? [] : [items]).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
}

/** Turns a decrypted callback's fields into our event, with its dedupe key. */
export function parseCallback(xml: Record<string, unknown>): ParsedCallback {
  const f = (name: string): string => field(xml, name);
  const event = toEvent(f, xml);
  const createTime = num(f('CreateTime')) ?? 0;
  const subject = f('ExternalUserID') || f('ChatId') || f('Id') || '';
  const extra = f('UpdateDetail') + (xml.MemChangeList ? JSON.stringify(xml.MemChangeList) : '');
  const dedupeKey = createHash('sha256')
    .update([f('Event'), f('ChangeType'), f('UserID'), subject, String(createTime), extra].join('\u0001'))
    .digest('hex');
  return { event, createTime, dedupeKey };
}

function toEvent(f: (name: string) => string, xml: Record<string, unknown>): WecomEvent {
  const userId = f('UserID');
  const externalUserId = f('ExternalUserID');
  const change = f('ChangeType');
  switch (f('Event')) {
    case 'change_external_contact':
      switch (change) {
        case 'add_external_contact':
        case 'add_half_external_contact':
          return { kind: 'contact.added', userId, externalUserId, state: f('State') || null, welcomeCode: f('WelcomeCode') || null, half: change === 'add_half_external_contact' };
        case 'edit_external_contact':
          return { kind: 'contact.edited', userId, externalUserId };
        case 'del_external_contact':
          return { kind: 'contact.deleted_by_agent', userId, externalUserId, byTransfer: f('Source') === 'DELETE_BY_TRANSFER' };
        case 'del_follow_user':
          return { kind: 'contact.deleted_by_customer', userId, externalUserId };
        case 'transfer_fail':
          return { kind: 'contact.transfer_failed', userId, externalUserId, reason: f('FailReason') };
        case 'msg_audit_approved':
          return { kind: 'contact.archive_approved', userId, externalUserId };
      }
      break;
    case 'change_external_chat':
      switch (change) {
        case 'create':
          return { kind: 'group.created', chatId: f('ChatId') };
        case 'update':
          return {
            kind: 'group.updated',
            chatId: f('ChatId'),
            detail: f('UpdateDetail'),
            joinScene: num(f('JoinScene')),
            quitScene: num(f('QuitScene')),
            memberChangeCount: num(f('MemChangeCnt')),
            memberIds: memberList(xml),
          };
        case 'dismiss':
          return { kind: 'group.dismissed', chatId: f('ChatId') };
      }
      break;
    case 'change_external_tag':
      if (change === 'create' || change === 'update' || change === 'delete' || change === 'shuffle') {
        const tagType = f('TagType');
        return { kind: 'tag.changed', change, id: f('Id'), tagType: tagType === 'tag' || tagType === 'tag_group' ? tagType : null };
      }
      break;
    case 'change_contact':
      return { kind: 'staff.changed', change, userId: userId || null };
    case 'msgaudit_notify':
      return { kind: 'archive.notify' };
  }
  return { kind: 'unknown', event: f('Event'), changeType: change };
}
