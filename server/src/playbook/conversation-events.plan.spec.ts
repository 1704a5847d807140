import { conversationEvents, eventConfidenceFloor } from './conversation-events.plan';

const message = { id: 'm1', customerId: 'c1', roomId: null, sentAt: new Date('2026-03-02T02:00:00Z') };
const found = {
  tags: [
    { group: 'insurance_need', name: '重疾险', confidence: 0.9, cue: '重疾', label: 'insurance_need/重疾险' },
    { group: 'family_stage', name: '子女上学', confidence: 0.7, cue: '孩子上学', label: 'family_stage/子女上学' },
    { group: 'budget_band', name: '5000以下', confidence: 0.5, cue: '几千', label: 'budget_band/5000以下' },
  ],
  objections: [{ name: '价格' as const, confidence: 0.8, cue: '太贵', label: 'objection/价格' }],
  intents: [{ name: 'asks_price' as const, confidence: 0.6, cue: '多少钱', label: 'intent/asks_price' }],
};

describe('conversationEvents', () => {
  it('names each finding by kind with a property journeys can match, the message time and its id', () => {
    const events = conversationEvents(message, found);
    expect(events.map((e) => [e.name, e.properties])).toEqual([
      ['chat_need', { need: '重疾险', confidence: 0.9, message_id: 'm1' }],
      ['chat_tag', { group: 'family_stage', tag: '子女上学', confidence: 0.7, message_id: 'm1' }],
      ['chat_objection', { objection: '价格', confidence: 0.8, message_id: 'm1' }],
      ['chat_intent', { intent: 'asks_price', confidence: 0.6, message_id: 'm1' }],
    ]);
    expect(events.every((e) => e.customerId === 'c1' && e.at === message.sentAt)).toBe(true);
  });

  it('leaves out findings under the confidence floor', () => {
    expect(eventConfidenceFloor).toBe(0.6);
    expect(conversationEvents(message, found).some((e) => e.properties.tag === '5000以下')).toBe(false);
  });

  it('gives each finding of a message its own key of at most 64 characters, the same when mined again', () => {
    const keys = conversationEvents(message, found).map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(conversationEvents(message, found).map((e) => e.key)).toEqual(keys);
    const long = conversationEvents({ ...message, id: 'x'.repeat(60) }, found);
    expect(long.every((e) => e.key.length <= 64)).toBe(true);
  });

  it('makes no events for group chats or unknown senders', () => {
    expect(conversationEvents({ ...message, roomId: 'wr1' }, found)).toEqual([]);
    expect(conversationEvents({ ...message, customerId: null }, found)).toEqual([]);
  });
});
