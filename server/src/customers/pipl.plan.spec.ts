import { exportSections, piplTables, uncoveredTables } from './pipl.plan';

describe('the PIPL table plan', () => {
  it('names each table and column once', () => {
    const keys = piplTables.map((t) => `${t.table}.${t.column}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('removes the chats, identities, consents and sandbox messages outright', () => {
    const deleted = piplTables.filter((t) => t.erasure.kind === 'delete').map((t) => t.table);
    expect(deleted).toEqual(expect.arrayContaining(['chat_message', 'chat_insight', 'chat_conversation', 'customer_identity', 'subscription_consent', 'sandbox_outbox']));
  });

  it('scrubs identifying columns where rows stay for counts (events, policies, group members)', () => {
    const set = (table: string) => {
      const e = piplTables.find((t) => t.table === table)!.erasure;
      return e.kind === 'scrub' ? Object.keys(e.set) : [];
    };
    expect(set('tracking_event')).toEqual(['distinct_id', 'properties']);
    expect(set('policy')).toEqual(['policy_no']);
    expect(set('customer_group_member')).toContain('member_id');
  });

  it('reports a customer table no entry covers', () => {
    expect(uncoveredTables([{ table: 'policy', column: 'customer_id' }, { table: 'new_table', column: 'customer_id' }])).toEqual(['new_table.customer_id']);
  });

  it('exports profile-related sections including chats, leads, consent and mini-program data', () => {
    expect(exportSections()).toEqual(expect.arrayContaining(['identities', 'tags', 'events', 'policies', 'chatMessages', 'leads', 'consents', 'miniProgram']));
  });
});
