import type { ArchivedMessage } from './archive';
import type { ChatMessageRow, MinedState } from './chat-message.entity';

/** Who the ids of a page are: staff by WeCom userid, customers by external_userid (with consent). */
export interface KnownParties {
  staff: Map<string, string>;
  customers: Map<string, { id: string; consent: boolean }>;
}

/** The customers domain, as the archive needs it. */
export interface ArchiveParties {
  resolve(corpId: string, ids: readonly string[]): Promise<KnownParties>;
  /** A customer agreed to (or refused) chat archiving in the chat itself. */
  setConsent(corpId: string, customerId: string, agree: boolean, at: Date): Promise<void>;
}

/**
 * One archived message as a row. In a 1:1 chat the staff member and the customer are the two
 * sides whoever spoke; in a group, only the sender is known. A message is mined only when it has
 * words and its customer agreed to archiving (PIPL: no mining without consent).
 */
export function toMessageRow(corpId: string, seq: number, m: ArchivedMessage, known: KnownParties, id: string, now: Date): ChatMessageRow {
  const sender = known.staff.has(m.from) ? 'staff' : known.customers.has(m.from) || m.from.startsWith('wo') || m.from.startsWith('wm') ? 'customer' : 'other';
  const sides = m.roomId ? [m.from] : [m.from, ...m.tolist];
  const staffUser = sides.find((s) => known.staff.has(s));
  const customerUser = sides.find((s) => known.customers.has(s));
  const customer = customerUser ? known.customers.get(customerUser)! : null;
  let mined: MinedState;
  if (!m.text?.trim() || m.action !== 'send' || m.consent) mined = 'not_text';
  else if (!customer?.consent) mined = 'no_consent';
  else mined = 'pending';
  return {
    id,
    corpId,
    msgid: m.msgid.slice(0, 64),
    seq,
    action: m.action,
    msgType: m.type.slice(0, 32),
    fromId: m.from.slice(0, 64),
    senderKind: sender,
    staffId: staffUser ? known.staff.get(staffUser)! : null,
    customerId: customer?.id ?? null,
    roomId: m.roomId || null,
    tolist: JSON.stringify(m.tolist),
    content: m.text,
    body: JSON.stringify(m.body),
    media: m.media ? JSON.stringify(m.media) : null,
    recalled: false,
    mined,
    sentAt: m.at,
    archivedAt: now,
  };
}
