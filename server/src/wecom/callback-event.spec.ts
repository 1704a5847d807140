import { parseCallback } from './callback-event';
import { parseWecomXml } from './callback-xml';

const xml = (fields: Record<string, string>) => `<xml>${Object.entries(fields).map(([k, v]) => `<${k}><![CDATA[${v}]]></${k}>`).join('')}</xml>`;
const parse = (fields: Record<string, string>) => parseCallback(parseWecomXml(xml(fields))!);

describe('callback events', () => {
  it('maps contact changes to our vocabulary', () => {
    const base = { Event: 'change_external_contact', UserID: 'zhangsan', ExternalUserID: 'wmABC', CreateTime: '1795000000' };
    expect(parse({ ...base, ChangeType: 'add_external_contact', State: 'ch-1', WelcomeCode: 'W1' }).event).toEqual({
      kind: 'contact.added',
      userId: 'zhangsan',
      externalUserId: 'wmABC',
      state: 'ch-1',
      welcomeCode: 'W1',
      half: false,
    });
    expect(parse({ ...base, ChangeType: 'add_half_external_contact' }).event).toMatchObject({ kind: 'contact.added', half: true, state: null });
    expect(parse({ ...base, ChangeType: 'del_external_contact', Source: 'DELETE_BY_TRANSFER' }).event).toMatchObject({ kind: 'contact.deleted_by_agent', byTransfer: true });
    expect(parse({ ...base, ChangeType: 'del_follow_user' }).event.kind).toBe('contact.deleted_by_customer');
    expect(parse({ ...base, ChangeType: 'transfer_fail', FailReason: 'customer_refused' }).event).toMatchObject({ kind: 'contact.transfer_failed', reason: 'customer_refused' });
    expect(parse({ ...base, ChangeType: 'msg_audit_approved' }).event.kind).toBe('contact.archive_approved');
  });

  it('maps group, tag, staff and archive events, and keeps unknown ones visible', () => {
    expect(parse({ Event: 'change_external_chat', ChangeType: 'update', ChatId: 'wr1', UpdateDetail: 'add_member', JoinScene: '3', MemChangeCnt: '2' }).event).toEqual({
      kind: 'group.updated',
      chatId: 'wr1',
      detail: 'add_member',
      joinScene: 3,
      quitScene: null,
      memberChangeCount: 2,
      memberIds: [],
    });
    // MemChangeList holds one Item per member: one or several.
    const quit = (items: string) =>
      parseCallback(parseWecomXml(`<xml><Event>change_external_chat</Event><ChangeType>update</ChangeType><ChatId>wr1</ChatId><UpdateDetail>del_member</UpdateDetail><QuitScene>1</QuitScene><MemChangeList>${items}</MemChangeList></xml>`)!).event;
    expect(quit('<Item><![CDATA[wmA]]></Item><Item><![CDATA[wmB]]></Item>')).toMatchObject({ quitScene: 1, memberIds: ['wmA', 'wmB'] });
    expect(quit('<Item>wmA</Item>')).toMatchObject({ memberIds: ['wmA'] });
    expect(parse({ Event: 'change_external_tag', ChangeType: 'shuffle', Id: 'et1', TagType: 'tag_group' }).event).toEqual({ kind: 'tag.changed', change: 'shuffle', id: 'et1', tagType: 'tag_group' });
    expect(parse({ Event: 'change_contact', ChangeType: 'update_user', UserID: 'lisi' }).event).toEqual({ kind: 'staff.changed', change: 'update_user', userId: 'lisi' });
    expect(parse({ Event: 'msgaudit_notify' }).event).toEqual({ kind: 'archive.notify' });
    expect(parse({ Event: 'something_new', ChangeType: 'x' }).event).toEqual({ kind: 'unknown', event: 'something_new', changeType: 'x' });
  });

  it('gives a retried event the same dedupe key and a different event another', () => {
    const a = { Event: 'change_external_contact', ChangeType: 'add_external_contact', UserID: 'u', ExternalUserID: 'wm1', CreateTime: '1795000000' };
    expect(parse(a).dedupeKey).toBe(parse({ ...a }).dedupeKey);
    expect(parse(a).dedupeKey).not.toBe(parse({ ...a, CreateTime: '1795000001' }).dedupeKey);
    expect(parse(a).dedupeKey).not.toBe(parse({ ...a, ExternalUserID: 'wm2' }).dedupeKey);
    expect(parse(a).createTime).toBe(1795000000);
  });

  it('refuses XML with a DOCTYPE or entities, and XML that is not well-formed', () => {
    expect(parseWecomXml('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>')).toBeUndefined();
    expect(parseWecomXml('<xml><A>1</xml>')).toBeUndefined();
    expect(parseWecomXml('<notxml/>')).toBeUndefined();
    expect(parseWecomXml('<xml><A>1</A></xml>')).toEqual({ A: '1' });
  });
});
