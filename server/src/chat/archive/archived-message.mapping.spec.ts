import { ArchivedMessageError, archivedMessageTypes, mapArchivedMessage, senderKind } from './archived-message.mapping';

/** A decrypted message in WeCom's shape: the common header plus the given fields. */
const plain = (msgtype: string, fields: Record<string, unknown>, header: Record<string, unknown> = {}): string =>
  JSON.stringify({
    msgid: `id-${msgtype}`,
    action: 'send',
    from: 'zhangsan',
    tolist: ['wmCustomer0000000000000001'],
    roomid: '',
    msgtime: 1700000000123,
    msgtype,
    ...fields,
    ...header,
  });

const map = (msgtype: string, fields: Record<string, unknown>, header?: Record<string, unknown>) =>
  mapArchivedMessage(plain(msgtype, fields, header), { seq: 11, msgid: `id-${msgtype}` });

describe('mapArchivedMessage: the header', () => {
  it('reads msgid, action, sender, recipients, room and time', () => {
    const m = map('text', { text: { content: '你好，想了解一下重疾险' } }, { roomid: 'wrJawBCQAAStr3jxVxEH', tolist: ['wmA', 'lisi'] });
    expect(m).toEqual({
      msgid: 'id-text',
      action: 'send',
      from: 'zhangsan',
      tolist: ['wmA', 'lisi'],
      roomId: 'wrJawBCQAAStr3jxVxEH',
      at: new Date(1700000000123),
      type: 'text',
      text: '你好，想了解一下重疾险',
      body: { content: '你好，想了解一下重疾险' },
      media: null,
    });
  });

  it('reads a one-to-one chat (empty roomid) as no room', () => {
    expect(map('text', { text: { content: 'hi' } }).roomId).toBeNull();
  });

  it('reads a switch record (enterprise log-in switch), which has no body', () => {
    const m = mapArchivedMessage(JSON.stringify({ msgid: '125289002219525886280', action: 'switch', time: 1554119421840, user: 'XuJinSheng' }), { seq: 3 });
    expect(m).toEqual({
      msgid: '125289002219525886280',
      action: 'switch',
      from: 'XuJinSheng',
      tolist: [],
      roomId: null,
      at: new Date(1554119421840),
      type: 'switch',
      text: null,
      body: {},
      media: null,
    });
  });

  it('throws with the seq and msgid for bad JSON, a missing msgid, an unknown action or no time', () => {
    expect(() => mapArchivedMessage('{oops', { seq: 42, msgid: 'm-42' })).toThrow(/seq 42 \(msgid m-42\): the plaintext is not JSON/);
    expect(() => mapArchivedMessage('[]', { seq: 42 })).toThrow(ArchivedMessageError);
    expect(() => mapArchivedMessage(JSON.stringify({ action: 'send' }), { seq: 43, msgid: 'm-43' })).toThrow(
      expect.objectContaining({ seq: 43, msgid: 'm-43', message: expect.stringContaining('no msgid') }),
    );
    expect(() => map('text', {}, { action: 'forward' })).toThrow(/seq 11 \(msgid id-text\): unknown action "forward"/);
    expect(() => map('text', {}, { msgtime: null })).toThrow(/no msgtime/);
    expect(() => map('text', {}, { from: '' })).toThrow(/no sender/);
    expect(() => map('', {})).toThrow(/no msgtype/);
    expect(() => mapArchivedMessage(JSON.stringify({ msgid: 's', action: 'switch', user: 'u' }))).toThrow(/switch record without a time/);
  });
});

describe('mapArchivedMessage: every message type', () => {
  it('text', () => {
    expect(map('text', { text: { content: '保费多少' } }).text).toBe('保费多少');
  });

  it('image, voice, video and emotion carry a file and no text', () => {
    expect(map('image', { image: { md5sum: '50de8e5ae8ffe4f1df7a93841f71993a', filesize: 70961, sdkfileid: 'CtYBMzA2OTAy' } })).toMatchObject({
      text: null,
      media: { sdkFileId: 'CtYBMzA2OTAy', md5: '50de8e5ae8ffe4f1df7a93841f71993a', size: 70961, ext: 'jpg' },
    });
    expect(map('voice', { voice: { md5sum: '9db09c7fa627c9e53f17736c786a74d5', voice_size: 6810, play_length: 10, sdkfileid: 'kcyZjZqOXhETGYx' } }).media).toEqual({
      sdkFileId: 'kcyZjZqOXhETGYx',
      md5: '9db09c7fa627c9e53f17736c786a74d5',
      size: 6810,
      ext: 'amr',
    });
    expect(map('video', { video: { md5sum: 'd06fc80c01d6fbffcca3b229ba41eac6', filesize: 15169724, play_length: 108, sdkfileid: 'Cp8BMzA5' } }).media).toMatchObject({ ext: 'mp4', size: 15169724 });
    const emotion = map('emotion', { emotion: { type: 1, width: 290, height: 290, imagesize: 962604, md5sum: '94c2b0bba52f53f9edf5fb9be7b8f5a7', sdkfileid: 'Cs4BMzA2' } });
    expect(emotion).toMatchObject({ text: null, media: { ext: 'gif', size: 962604 } });
    expect(map('emotion', { emotion: { type: 2, sdkfileid: 'x' } }).media?.ext).toBe('png');
  });

  it('revoke names the message taken back', () => {
    const m = map('revoke', { revoke: { pre_msgid: '14822339130656386894_1603875464' } }, { action: 'recall' });
    expect(m).toMatchObject({ action: 'recall', type: 'revoke', text: null, recalledMsgId: '14822339130656386894_1603875464' });
  });

  it('agree and disagree are the customer’s consent', () => {
    expect(map('agree', { agree: { userid: 'wmErxtDgAA9AW32YyyuYRimKr7D1KWlw', agree_time: 1588592087000 } })).toMatchObject({ consent: 'agree', text: null });
    expect(map('disagree', { disagree: { userid: 'wmErxtDgAA9AW32YyyuYRimKr7D1KWlw', disagree_time: 1588592087000 } })).toMatchObject({ consent: 'disagree' });
  });

  it('card, location, file, link and weapp read their words', () => {
    expect(map('card', { card: { corpname: '北京某保险代理公司', userid: 'wmErxtDgAA9AW32YyyuYRimKr7D1KWlw' } }).text).toBe(
      '北京某保险代理公司\nwmErxtDgAA9AW32YyyuYRimKr7D1KWlw',
    );
    expect(map('location', { location: { longitude: 116.586285, latitude: 39.911213, address: '北京市xxx区xxx路xxx大厦x座', title: 'xxx管理中心', zoom: 15 } }).text).toBe(
      'xxx管理中心\n北京市xxx区xxx路xxx大厦x座',
    );
    const file = map('file', { file: { md5sum: '18e93fc2ea884df23b3d2d3b8667b9f0', filename: '保单条款.PDF', fileext: 'PDF', filesize: 18389, sdkfileid: 'EtAcX' } });
    expect(file).toMatchObject({ text: '保单条款.PDF', media: { sdkFileId: 'EtAcX', ext: 'pdf', size: 18389 } });
    expect(map('link', { link: { title: '重疾险怎么选', description: '三分钟看懂', link_url: 'https://x.test/a', image_url: 'https://x.test/i.png' } }).text).toBe('重疾险怎么选\n三分钟看懂');
    expect(map('weapp', { weapp: { title: '开始聊天前请仔细阅读服务须知事项', description: '客户需同意存档聊天记录', username: 'xxx@app', displayname: '服务须知' } }).text).toBe(
      '开始聊天前请仔细阅读服务须知事项',
    );
  });

  it('chatrecord reads its title and the forwarded items', () => {
    const m = map('chatrecord', {
      chatrecord: {
        title: '群聊',
        item: [
          { type: 'ChatRecordText', msgtime: 1603875610, content: '{"content":"我想给孩子买意外险"}', from_chatroom: false },
          { type: 'ChatRecordFile', msgtime: 1603875620, content: '{"filename":"投保单.pdf","fileext":"pdf"}', from_chatroom: false },
          { type: 'ChatRecordImage', msgtime: 1603875630, content: '{"md5sum":"x","sdkfileid":"y"}', from_chatroom: false },
        ],
      },
    });
    expect(m.text).toBe('群聊\n我想给孩子买意外险\n投保单.pdf');
  });

  it('todo, vote, collect, redpacket, meeting and calendar', () => {
    expect(map('todo', { todo: { title: '测试待办', content: '补充体检报告' } }).text).toBe('测试待办\n补充体检报告');
    expect(map('vote', { vote: { votetitle: '理赔讲座时间', voteitem: ['周六', '周日'], votetype: 101, voteid: '2009' } }).text).toBe('理赔讲座时间\n周六\n周日');
    expect(
      map('collect', {
        collect: { room_name: '这是一个群', creator: 'lisi', create_time: '2020-10-30 12:00:00', title: '健康告知', details: [{ id: 1, ques: '是否吸烟', type: 'Text' }, { id: 2, ques: '身高', type: 'Number' }] },
      }).text,
    ).toBe('健康告知\n是否吸烟\n身高');
    expect(map('redpacket', { redpacket: { type: 1, wish: '恭喜发财，大吉大利', totalcnt: 1, totalamount: 3000 } }).text).toBe('恭喜发财，大吉大利');
    expect(map('meeting', { meeting: { topic: '保单检视', starttime: 1603877328, endtime: 1603880928, address: '腾讯会议', remarks: '带上保单', meetingtype: 102, meetingid: 1306388727, status: 1 } }).text).toBe(
      '保单检视\n带上保单',
    );
    expect(
      map('calendar', { calendar: { title: '签单', creatorname: 'zhangsan', attendeename: ['lisi'], starttime: 1603877328, endtime: 1603880928, place: '门店', remarks: '带身份证' } }).text,
    ).toBe('签单\n门店\n带身份证');
  });

  it('docmsg sits under doc; markdown, news and qydiskfile under info; external_redpacket under redpacket', () => {
    const doc = map('docmsg', { doc: { title: '测试&演示客户', doc_creator: 'test', link_url: 'https://doc.weixin.qq.com/txdoc/excel?docid=xxx' } });
    expect(doc).toMatchObject({ text: '测试&演示客户', body: { doc_creator: 'test' } });
    expect(map('markdown', { info: { content: '请前往系统查看，谢谢。' } }).text).toBe('请前往系统查看，谢谢。');
    expect(
      map('news', { info: { item: [{ title: '计划书', description: '为您定制', url: 'https://x.test', picurl: 'https://x.test/p.png' }, { title: '条款' }] } }).text,
    ).toBe('计划书\n为您定制\n条款');
    expect(map('qydiskfile', { info: { filename: '产品手册.pdf' } }).text).toBe('产品手册.pdf');
    expect(map('external_redpacket', { redpacket: { type: 1, wish: '新年快乐', totalcnt: 2, totalamount: 20 } })).toMatchObject({
      text: '新年快乐',
      body: { totalcnt: 2 },
    });
  });

  it('mixed joins its text items and keeps its first file', () => {
    const m = map('mixed', {
      mixed: {
        item: [
          { type: 'text', content: '{"content":"你好[微笑]\\n"}' },
          { type: 'image', content: '{"md5sum":"368b6c18c82e6441bfd89b343e9d2429","filesize":13177,"sdkfileid":"CtYBMzA2OTAy"}' },
          { type: 'text', content: '{"content":"这是保单照片"}' },
        ],
      },
    });
    expect(m.text).toBe('你好[微笑]\n\n这是保单照片');
    expect(m.media).toEqual({ sdkFileId: 'CtYBMzA2OTAy', md5: '368b6c18c82e6441bfd89b343e9d2429', size: 13177, ext: 'jpg' });
  });

  it('meeting_voice_call and voip_doc_share carry their recordings; voiptext and sphfeed', () => {
    const call = map(
      'meeting_voice_call',
      { meeting_voice_call: { endtime: 1616562547, sdkfileid: 'CpsBKjAqZUlL', demofiledata: [{ filename: '65eb1cdd3e7a3c1740ecd74220b6c627.docx' }], sharescreendata: [] } },
      { voiceid: 'grb8a4c48a3c094a70982c518d55e40557' },
    );
    expect(call).toMatchObject({ text: null, media: { sdkFileId: 'CpsBKjAqZUlL', md5: null, size: null, ext: null } });
    const share = map('voip_doc_share', { voip_doc_share: { filename: '欢迎使用微盘.pdf.pdf', md5sum: 'ff893900f24e55e216e617a40e5c4648', filesize: 4400654, sdkfileid: 'CpsBKjAqZUlL' } });
    expect(share).toMatchObject({ text: '欢迎使用微盘.pdf.pdf', media: { ext: 'pdf', md5: 'ff893900f24e55e216e617a40e5c4648', size: 4400654 } });
    expect(map('voiptext', { info: { callduration: 10, invitetype: 1 } })).toMatchObject({ text: null, media: null, body: { callduration: 10 } });
    expect(map('sphfeed', { sphfeed: { feed_type: 4, sph_name: '保险小课堂', feed_desc: '重疾险的三个误区' } }).text).toBe('保险小课堂\n重疾险的三个误区');
  });

  it('an unknown type keeps its body, with no text', () => {
    const m = map('solitaire', { solitaire: { title: '接龙', items: [1, 2] } });
    expect(m).toMatchObject({ type: 'solitaire', text: null, body: { title: '接龙', items: [1, 2] }, media: null });
  });

  it('every listed type reads its body without throwing when fields are missing', () => {
    for (const type of archivedMessageTypes) {
      const m = map(type, { [type]: {} });
      expect(m.type).toBe(type);
      expect(m.media).toBeNull();
    }
    expect(archivedMessageTypes).toHaveLength(30);
  });
});

describe('senderKind', () => {
  it('reads wo/wm ids as customers, wr ids as rooms and the rest as staff', () => {
    expect(senderKind('wmErxtDgAA9AW32YyyuYRimKr7D1KWlw')).toBe('customer');
    expect(senderKind('woAJ2GCAAAXtWyujaWJHDDGi0mACHAAA')).toBe('customer');
    expect(senderKind('wrJawBCQAAStr3jxVxEH')).toBe('room');
    expect(senderKind('zhangsan')).toBe('staff');
  });

  it('lets known staff ids win over the prefix', () => {
    expect(senderKind('wolfgang')).toBe('customer');
    expect(senderKind('wolfgang', new Set(['wolfgang']))).toBe('staff');
  });
});
