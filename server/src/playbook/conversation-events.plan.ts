import type { UtteranceInsights } from '../chat';

/** What a customer's message showed, as a customer event: journeys wait, branch and exit on these. */
export interface ConversationEvent {
  customerId: string;
  /** chat_need (an insurance need), chat_tag (job, family, budget), chat_objection, chat_intent. */
  name: 'chat_need' | 'chat_tag' | 'chat_objection' | 'chat_intent';
  at: Date;
  /** Unique per message and finding (at most 64 characters), so mining a message again writes nothing twice. */
  key: string;
  properties: Record<string, string | number | boolean>;
}

/** Findings below this confidence stay insights on the message and are not announced as events. */
export const eventConfidenceFloor = 0.6;

/**
 * The events of one customer message: one per finding at or above the floor, named by what it is,
 * with the finding in a property journeys can match (`need`, `tag` and `group`, `objection`, `intent`).
 * Group chats and messages from nobody we know produce none.
 */
export function conversationEvents(message: { id: string; customerId: string | null; roomId: string | null; sentAt: Date }, found: UtteranceInsights): ConversationEvent[] {
  if (!message.customerId || message.roomId) return [];
  const customerId = message.customerId;
  const event = (name: ConversationEvent['name'], label: string, confidence: number, properties: ConversationEvent['properties']): ConversationEvent => ({
    customerId,
    name,
    at: message.sentAt,
    key: `chat:${message.id}:${name.slice(5)}:${label}`.slice(0, 64),
    properties: { ...properties, confidence, message_id: message.id },
  });
  const strong = <T extends { confidence: number }>(list: readonly T[]): T[] => list.filter((x) => x.confidence >= eventConfidenceFloor);
  return [
    ...strong(found.tags).map((t) => (t.group === 'insurance_need' ? event('chat_need', t.name, t.confidence, { need: t.name }) : event('chat_tag', `${t.group}/${t.name}`, t.confidence, { group: t.group, tag: t.name }))),
    ...strong(found.objections).map((o) => event('chat_objection', o.name, o.confidence, { objection: o.name })),
    ...strong(found.intents).map((i) => event('chat_intent', i.name, i.confidence, { intent: i.name })),
  ];
}
