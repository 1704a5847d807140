import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useState } from 'react';
import { Empty, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, platform, session, tracker } from '../../services';
import type { MpPoster } from '../../services/types';
import { dateOnly } from '../../utils/format';
import { sharePath } from '../../utils/share';
import './index.css';

export default function Referral() {
  usePageView('邀请好友');
  const [poster, setPoster] = useState<MpPoster | null>(null);
  const [posterBusy, setPosterBusy] = useState(false);
  const [sheet, setSheet] = useState(false);
  const data = useData(async () => {
    await session.ensure();
    return api.referrals();
  }, [], { refreshOnShow: true });

  useShareAppMessage(() => {
    const code = data.data?.code ?? '';
    tracker.track('share', { page: 'pages/referral/index', referral_code: code, via: 'card' });
    return { title: '我在北辰保险签到领积分，送你一份保障测评，一起来看看', path: sharePath(code) };
  });

  const h5Share = () => {
    const code = data.data?.code ?? '';
    tracker.track('share', { page: 'pages/referral/index', referral_code: code, via: 'h5_link' });
    setSheet(true);
  };

  const makePoster = async () => {
    if (posterBusy) return;
    setPosterBusy(true);
    try {
      const p = await api.poster();
      setPoster(p);
      tracker.track('share', { page: 'pages/referral/index', referral_code: data.data?.code ?? '', via: 'poster' });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setPosterBusy(false);
    }
  };

  const link = (code: string): string => (platform.target === 'h5' && typeof window !== 'undefined' ? `${window.location.origin}${window.location.pathname}#${sharePath(code)}` : sharePath(code));

  return (
    <View className='page-flush referral'>
      <Loading state={data}>
        {(d) => (
          <View>
            <View className='hero referral-hero'>
              <Text className='hero-title'>邀请好友，共享保障</Text>
              <Text className='hero-sub'>好友通过你的分享加入并完成手机号绑定或活动报名，你得 100 积分</Text>
              <View className='referral-code-box'>
                <Text className='referral-code-label'>我的邀请码</Text>
                <Text className='referral-code t-referral-code'>{d.code}</Text>
              </View>
            </View>
            <View className='pad lift'>
              <View className='card'>
                <View className='row referral-actions'>
                  {platform.target === 'weapp' ? (
                    <Button className='btn btn-native grow t-share-card' openType='share'>
                      分享给好友
                    </Button>
                  ) : (
                    <View className='btn grow t-share-card' onClick={h5Share}>
                      分享给好友
                    </View>
                  )}
                  <View className='btn btn-accent grow t-make-poster' style={{ marginLeft: '12px' }} onClick={makePoster}>
                    {posterBusy ? '生成中…' : '生成海报'}
                  </View>
                </View>
                <View className='row-between gap-24 referral-stats'>
                  <View className='stat'>
                    <Text className='stat-num t-invitee-count'>{d.invitees.length}</Text>
                    <Text className='stat-label'>已邀请</Text>
                  </View>
                  <View className='stat'>
                    <Text className='stat-num'>{d.invitees.filter((i) => i.qualified).length}</Text>
                    <Text className='stat-label'>已达标</Text>
                  </View>
                  <View className='stat'>
                    <Text className='stat-num accent t-referral-points'>{d.totalPoints}</Text>
                    <Text className='stat-label'>获得积分</Text>
                  </View>
                </View>
              </View>

              {poster ? (
                <View className='card poster t-poster'>
                  <View className='poster-inner'>
                    <Text className='poster-brand'>北辰保险</Text>
                    <Text className='poster-title'>每日签到领积分 · 3 分钟测保障缺口</Text>
                    <Image className='poster-code t-poster-image' src={`data:${poster.contentType};base64,${poster.imageBase64}`} mode='aspectFit' showMenuByLongpress />
                    <Text className='poster-hint'>长按识别小程序码 · 邀请码 {d.code}</Text>
                  </View>
                  <Text className='muted center' style={{ display: 'block', marginTop: '12px' }}>
                    长按海报保存到相册，分享到朋友圈或群聊
                  </Text>
                </View>
              ) : null}

              <View className='card'>
                <Text className='card-title'>我邀请的好友</Text>
                {d.invitees.length ? (
                  d.invitees.map((i, k) => (
                    <View key={k} className='list-row t-invitee'>
                      <View className='list-icon'>{i.name.slice(0, 1)}</View>
                      <View className='grow'>
                        <Text className='strong' style={{ display: 'block' }}>
                          {i.name}
                        </Text>
                        <Text className='muted'>{dateOnly(i.joinedAt)} 加入</Text>
                      </View>
                      {i.qualified ? <Tag tone='green'>+{i.rewardPoints} 积分</Tag> : <Tag tone='gray'>待达标</Tag>}
                    </View>
                  ))
                ) : (
                  <Empty text='还没有好友加入，快去分享吧' />
                )}
              </View>

              <View className='card'>
                <Text className='card-title'>活动规则</Text>
                <Text className='card-sub'>1. 好友需为首次使用北辰保险小程序的新用户，以首次打开的邀请为准。</Text>
                <Text className='card-sub'>2. 好友绑定手机号或报名任一活动即为达标，每位好友奖励一次。</Text>
                <Text className='card-sub'>3. 不可邀请自己，互相邀请不计奖励。</Text>
              </View>
            </View>

            {sheet ? (
              <View className='sheet-mask' onClick={() => setSheet(false)}>
                <View className='sheet t-share-sheet' onClick={(e) => e.stopPropagation()}>
                  <Text className='sheet-title'>分享给好友</Text>
                  <Text className='muted' style={{ display: 'block' }}>
                    在微信中打开时，点击右上角「···」发送给朋友；也可以复制下面的链接：
                  </Text>
                  <View className='share-link t-share-link'>{link(d.code)}</View>
                  <View
                    className='btn btn-block gap-16 t-copy-link'
                    onClick={() => {
                      void Taro.setClipboardData({ data: link(d.code) }).catch(() => undefined);
                      setSheet(false);
                    }}
                  >
                    复制链接
                  </View>
                </View>
              </View>
            ) : null}
          </View>
        )}
      </Loading>
    </View>
  );
}
