import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Consent, Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, platform, sandboxPhoneCode, session, tracker } from '../../services';
import type { MpAgentCard } from '../../services/types';
import './index.css';

const go = (url: string) => () => Taro.navigateTo({ url });

function PhoneBinding({ onBound }: { onBound: (masked: string) => void }) {
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const bind = async (code: string | undefined) => {
    if (!code) return void Taro.showToast({ title: '未获取到手机号授权', icon: 'none' });
    setBusy(true);
    try {
      const res = await api.bindPhone({ code, consent: true });
      session.updateCustomer({ phoneMasked: res.phoneMasked });
      tracker.track('bind_phone', { result: 'ok' });
      onBound(res.phoneMasked);
      void Taro.showToast({ title: '绑定成功', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const needConsent = () => void Taro.showToast({ title: '请先阅读并勾选同意', icon: 'none' });
  return (
    <View className='card t-phone-card'>
      <Text className='card-title'>绑定手机号</Text>
      <Text className='card-sub'>绑定后可接收活动提醒、查询保单，并由专属顾问为你服务</Text>
      <Consent checked={consent} onChange={setConsent} className='t-phone-consent'>
        我已阅读并同意《用户服务协议》和《个人信息保护政策》，同意北辰保险使用我的手机号提供保单查询、活动通知与顾问服务。
      </Consent>
      {!consent ? (
        <View className='btn btn-block btn-disabled t-bind-phone' onClick={needConsent}>
          授权绑定手机号
        </View>
      ) : platform.target === 'weapp' ? (
        <Button className='btn btn-native btn-block t-bind-phone' openType='getPhoneNumber' onGetPhoneNumber={(e) => void bind((e.detail as { code?: string }).code)}>
          授权绑定手机号
        </Button>
      ) : (
        <View className='btn btn-block t-bind-phone' onClick={() => void bind(sandboxPhoneCode())}>
          {busy ? '绑定中…' : '授权绑定手机号'}
        </View>
      )}
    </View>
  );
}

function AgentCard({ agent }: { agent: MpAgentCard }) {
  const [sheet, setSheet] = useState(false);
  const plugin = LODESTAR_WECOM_PLUGIN && platform.target === 'weapp' && agent.contactWay;
  return (
    <View className='card agent-card t-agent-card'>
      <View className='row'>
        <View className='agent-avatar-lg'>{agent.name.slice(0, 1)}</View>
        <View className='grow'>
          <Text className='card-title t-agent-name'>{agent.name}</Text>
          <Text className='card-sub'>{agent.title} · 你的专属顾问</Text>
        </View>
      </View>
      {plugin && agent.contactWay ? (
        // WeCom's 「联系我」 plugin button: plugid is the contact way's config_id (scene 1).
        <View className='gap-24 t-add-agent-plugin'>
          <cell plugid={agent.contactWay.configId} onCompletemessage={() => tracker.track('add_agent_wecom', { staff_id: agent.staffId, via: 'plugin' })} />
        </View>
      ) : (
        <View
          className='btn btn-block gap-24 t-add-agent'
          onClick={() => {
            tracker.track('add_agent_wecom', { staff_id: agent.staffId, via: platform.target });
            setSheet(true);
          }}
        >
          添加顾问企业微信
        </View>
      )}
      {sheet ? (
        <View className='sheet-mask' onClick={() => setSheet(false)}>
          <View className='sheet t-agent-sheet' onClick={(e) => e.stopPropagation()}>
            <Text className='sheet-title'>添加 {agent.name} 的企业微信</Text>
            <Text className='muted' style={{ display: 'block', lineHeight: 1.7 }}>
              {agent.contactWay
                ? '在微信小程序中点击「添加顾问企业微信」，会弹出顾问的企业微信名片，确认后即可添加，顾问会第一时间与你打招呼。'
                : '顾问的企业微信联系方式正在开通中，你也可以在活动现场扫码添加。'}
            </Text>
            <Text className='muted' style={{ display: 'block', marginTop: '12px', lineHeight: 1.7 }}>
              {platform.target === 'h5'
                ? '当前为网页版体验，无法直接唤起企业微信；添加后你可以随时向顾问咨询保单、理赔与保障规划问题。'
                : '当前版本尚未开通企业微信「联系我」插件，请在活动现场或顾问发给你的名片中添加。'}
            </Text>
            <View className='btn btn-block gap-24' onClick={() => setSheet(false)}>
              我知道了
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function Me() {
  usePageView('我的');
  const me = useData(async () => {
    await session.ensure();
    return api.me();
  }, [], { refreshOnShow: true });

  return (
    <View className='page-flush me'>
      <Loading state={me}>
        {(m) => (
          <View>
            <View className='hero me-hero'>
              <View className='row'>
                <View className='me-avatar'>{m.customer.name.slice(0, 1) || '客'}</View>
                <View>
                  <Text className='hero-title t-me-name'>{m.customer.name || '北辰会员'}</Text>
                  <Text className='hero-sub t-me-phone'>{m.customer.phoneMasked ? `手机 ${m.customer.phoneMasked}` : '未绑定手机号'}</Text>
                </View>
              </View>
            </View>
            <View className='pad lift'>
              <View className='card me-stats'>
                <View className='stat' onClick={go('/pages/points/index')}>
                  <Text className='stat-num accent t-me-points'>{m.points.balance}</Text>
                  <Text className='stat-label'>积分</Text>
                </View>
                <View className='stat' onClick={go('/pages/tickets/index')}>
                  <Text className='stat-num t-me-tickets'>{m.counts.tickets}</Text>
                  <Text className='stat-label'>门票</Text>
                </View>
                <View className='stat' onClick={go('/pages/referral/index')}>
                  <Text className='stat-num t-me-invitees'>{m.counts.invitees}</Text>
                  <Text className='stat-label'>邀请</Text>
                </View>
                <View className='stat' onClick={go('/pages/policies/index')}>
                  <Text className='stat-num t-me-policies'>{m.counts.policies}</Text>
                  <Text className='stat-label'>保单</Text>
                </View>
              </View>

              {m.customer.phoneMasked ? null : <PhoneBinding onBound={(phoneMasked) => me.setData({ ...m, customer: { ...m.customer, phoneMasked } })} />}

              {m.agent ? <AgentCard agent={m.agent} /> : null}

              <View className='card'>
                {[
                  { key: 'points', label: '积分明细', url: '/pages/points/index' },
                  { key: 'tickets', label: '我的门票', url: '/pages/tickets/index' },
                  { key: 'policies', label: '我的保单', url: '/pages/policies/index' },
                  { key: 'referral', label: '邀请好友', url: '/pages/referral/index' },
                  { key: 'assessment', label: '保障缺口测评', url: '/pages/assessment/index' },
                  { key: 'articles', label: '知识课堂', url: '/pages/articles/index' },
                ].map((r) => (
                  <View key={r.key} className={`list-row t-me-link-${r.key}`} onClick={go(r.url)}>
                    <Text className='grow'>{r.label}</Text>
                    <Text className='chevron'>›</Text>
                  </View>
                ))}
              </View>
            </View>
          </View>
        )}
      </Loading>
    </View>
  );
}
