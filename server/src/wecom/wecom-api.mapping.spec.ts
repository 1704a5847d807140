import {
  fromSeconds,
  genderOf,
  oauthUserId,
  toContactWay,
  toFollow,
  toFollowInfo,
  toGroupChat,
  toMassSendResult,
  toMassSenderTask,
  toProfile,
  toTagGroup,
  toTransferResult,
  toWxAttachment,
} from './wecom-api.mapping';

describe('WeCom JSON to our vocabulary', () => {
  it('reads a profile: gender codes, empty strings as null', () => {
    expect(toProfile({ external_userid: 'wm1', name: '张三', type: 1, gender: 2, unionid: '', avatar: 'https://a/1.png', corp_name: '' })).toEqual({
      externalUserId: 'wm1',
      name: '张三',
      type: 1,
      gender: 'female',
      unionId: null,
      avatar: 'https://a/1.png',
      corpName: null,
    });
    expect([genderOf(0), genderOf(1), genderOf(2), genderOf(undefined)]).toEqual(['unknown', 'male', 'female', 'unknown']);
  });

  it('reads a follow_user keeping corp tag ids only, and a follow_info with its tag_id list', () => {
    const f = toFollow({
      userid: 'agent001',
      remark: '老客户',
      createtime: 1_700_000_000,
      add_way: 1,
      state: 'live',
      tags: [
        { group_name: '客户等级', tag_name: 'VIP', tag_id: 'etVIP', type: 1 },
        { group_name: '', tag_name: '我的标签', type: 2 },
        { group_name: '规则', tag_name: '高意向', tag_id: 'etRULE', type: 3 },
      ],
    });
    expect(f).toEqual({ userId: 'agent001', remark: '老客户', description: '', addedAt: new Date(1_700_000_000_000), tagIds: ['etVIP'], remarkMobiles: [], addWay: 1, state: 'live' });
    expect(toFollowInfo({ userid: 'agent002', createtime: 1, tag_id: ['et1', 'et2'], state: '' })).toMatchObject({ userId: 'agent002', tagIds: ['et1', 'et2'], state: null });
  });

  it('drops deleted tags of a group', () => {
    expect(
      toTagGroup({
        group_id: 'etG',
        group_name: '来源',
        order: 2,
        tag: [
          { id: 'et1', name: '转介绍', order: 1 },
          { id: 'et2', name: '旧', order: 2, deleted: true },
        ],
      }),
    ).toEqual({ groupId: 'etG', groupName: '来源', order: 2, tags: [{ id: 'et1', name: '转介绍', order: 1 }] });
  });

  it('reads a contact way and a group with staff and customers', () => {
    expect(toContactWay({ config_id: 'c1', user: ['a', 'b'], state: 's', skip_verify: true, qr_code: 'q' })).toEqual({ configId: 'c1', userIds: ['a', 'b'], state: 's', skipVerify: true, qrCode: 'q' });
    const g = toGroupChat({
      chat_id: 'wr1',
      name: '理财交流群',
      owner: 'agent001',
      create_time: 1_700_000_000,
      notice: '',
      member_list: [
        { userid: 'agent001', type: 1, join_time: 1_700_000_000, join_scene: 1 },
        { userid: 'wm1', type: 2, join_time: 1_700_000_100, join_scene: 3, invitor: { userid: 'agent001' }, name: '张三', unionid: 'u1' },
      ],
      admin_list: [{ userid: 'agent002' }],
    });
    expect(g.members.map((m) => [m.userId, m.kind, m.joinScene, m.invitorUserId])).toEqual([
      ['agent001', 'staff', 1, null],
      ['wm1', 'customer', 3, 'agent001'],
    ]);
    expect(g.members[1]!.joinedAt).toEqual(new Date(1_700_000_100_000));
    expect(g).toMatchObject({ chatId: 'wr1', ownerUserId: 'agent001', adminUserIds: ['agent002'], createdAt: new Date(1_700_000_000_000) });
  });

  it('reads send and handover statuses', () => {
    expect([0, 1, 2, 3].map((status) => toMassSendResult({ external_userid: 'wm1', status }, 'agent001').status)).toEqual(['unsent', 'sent', 'not_friend', 'limit_reached']);
    expect(toMassSendResult({ external_userid: 'wm1', userid: 'agent001', status: 1, send_time: 10 }, 'x')).toEqual({ externalUserId: 'wm1', chatId: null, userId: 'agent001', status: 'sent', sentAt: new Date(10_000) });
    expect([1, 2, 3, 4, 5].map((status) => toTransferResult({ external_userid: 'wm1', status, takeover_time: 20 }).status)).toEqual(['done', 'waiting', 'refused', 'limit_reached', 'none']);
    expect(toTransferResult({ external_userid: 'wm1', status: 1, takeover_time: 20 }).takenOverAt).toEqual(new Date(20_000));
    // A waiting handover's takeover_time is the future automatic takeover, not a takeover.
    expect(toTransferResult({ external_userid: 'wm1', status: 2, takeover_time: 20 }).takenOverAt).toBeNull();
    expect(fromSeconds(0)).toBeNull();
  });

  it('reads a get_groupmsg_task entry: 2 is sent with its time, 0 and codes WeCom does not document are unsent', () => {
    expect(toMassSenderTask({ userid: 'agent001', status: 2, send_time: 1_700_000_000 })).toEqual({ userId: 'agent001', status: 'sent', sentAt: new Date(1_700_000_000_000) });
    expect(toMassSenderTask({ userid: 'agent002', status: 0 })).toEqual({ userId: 'agent002', status: 'unsent', sentAt: null });
    expect(toMassSenderTask({ userid: 'agent003' })).toEqual({ userId: 'agent003', status: 'unsent', sentAt: null });
    // get_groupmsg_send_result's 1 means sent there, but get_groupmsg_task documents 0 and 2 only.
    expect(toMassSenderTask({ userid: 'agent004', status: 1, send_time: 5 })).toEqual({ userId: 'agent004', status: 'unsent', sentAt: null });
    expect(toMassSenderTask({ userid: 'agent005', status: 2 }).sentAt).toBeNull();
  });

  it('writes attachments in add_msg_template’s shape', () => {
    expect(toWxAttachment({ kind: 'image', mediaId: 'm1' })).toEqual({ msgtype: 'image', image: { media_id: 'm1' } });
    expect(toWxAttachment({ kind: 'link', title: 't', url: 'https://x', picUrl: 'https://p' })).toEqual({ msgtype: 'link', link: { title: 't', url: 'https://x', picurl: 'https://p' } });
    expect(toWxAttachment({ kind: 'miniprogram', title: 't', appId: 'wx1', page: 'pages/a', picMediaId: 'p1' })).toEqual({
      msgtype: 'miniprogram',
      miniprogram: { title: 't', appid: 'wx1', page: 'pages/a', pic_media_id: 'p1' },
    });
  });

  it('reads the OAuth user id under its new and old names, and null for outsiders', () => {
    expect(oauthUserId({ userid: 'agent001', user_ticket: 't' })).toBe('agent001');
    expect(oauthUserId({ UserId: 'agent002', DeviceId: 'd' })).toBe('agent002');
    expect(oauthUserId({ openid: 'oX', external_userid: 'wm1' })).toBeNull();
  });
});
