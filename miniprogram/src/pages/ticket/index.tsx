import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Qr } from '../../components/qr';
import { Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, platform, session, tracker } from '../../services';
import { signupStatusLabels, timeRange } from '../../utils/format';
import './index.css';

export default function Ticket() {
  const router = useRouter();
  const code = router.params.code ?? '';
  usePageView('电子门票');
  const [siteCode, setSiteCode] = useState('');
  const [askSite, setAskSite] = useState(false);

  const ticket = useData(async () => {
    await session.ensure();
    const list = await api.tickets();
    const t = list.items.find((x) => x.code === code) ?? list.items[0];
    if (!t) throw new Error('没有找到这张门票');
    return t;
  }, [code], { refreshOnShow: true });

  const attend = async (site: string) => {
    if (!ticket.data || !site) return;
    try {
      await api.attend(ticket.data.activity.id, site);
      tracker.track('attend', { activity_id: ticket.data.activity.id, via: 'site_code' });
      void Taro.showToast({ title: '签到成功', icon: 'success' });
      setAskSite(false);
      await ticket.reload();
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  const scanSite = async () => {
    if (platform.target === 'weapp') {
      try {
        const res = await Taro.scanCode({ onlyFromCamera: true });
        await attend(res.result.replace(/^lodestar:site:/, ''));
      } catch {
        /* cancelled */
      }
    } else setAskSite(true);
  };

  return (
    <View className='page ticket'>
      <Loading state={ticket}>
        {(t) => (
          <View className='ticket-card t-ticket'>
            <View className='ticket-top'>
              <Text className='ticket-title t-ticket-title'>{t.activity.title}</Text>
              <Text className='ticket-sub'>{timeRange(t.activity.startsAt, t.activity.endsAt)}</Text>
              {t.activity.location ? <Text className='ticket-sub'>{t.activity.location}</Text> : null}
            </View>
            <View className='ticket-cut'>
              <View className='ticket-notch ticket-notch-l' />
              <View className='ticket-dash' />
              <View className='ticket-notch ticket-notch-r' />
            </View>
            <View className='ticket-bottom'>
              <View className={`ticket-qr-wrap ${t.status === 'attended' ? 'ticket-used' : ''}`}>
                <Qr text={t.qrPayload} size={400} className='t-ticket-qr' />
              </View>
              <Text className='ticket-code t-ticket-code'>{t.code}</Text>
              <Text className={`ticket-status t-ticket-status ticket-status-${t.status}`}>{signupStatusLabels[t.status] ?? t.status}</Text>
              <Text className='muted center' style={{ display: 'block', marginTop: '8px' }}>
                {t.status === 'attended' ? '已完成入场签到，祝你收获满满' : '入场时请向工作人员出示此码，或扫描现场签到码'}
              </Text>
              {t.status === 'confirmed' ? (
                <View className='btn btn-ghost btn-block gap-24 t-scan-site' onClick={scanSite}>
                  扫描现场签到码
                </View>
              ) : null}
              {askSite ? (
                <View className='row gap-16'>
                  <Input className='input grow t-site-code' value={siteCode} placeholder='输入现场签到码' onInput={(e) => setSiteCode(e.detail.value)} />
                  <View className='btn btn-small t-site-submit' style={{ marginLeft: '8px' }} onClick={() => attend(siteCode.trim())}>
                    签到
                  </View>
                </View>
              ) : null}
            </View>
          </View>
        )}
      </Loading>
      <Text className='ticket-foot'>北辰保险 · 凭此电子门票入场，请勿转发他人</Text>
    </View>
  );
}
