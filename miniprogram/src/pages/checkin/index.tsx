import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, newRequestId, requestSubscribe, session, subscriptionTemplates, tracker } from '../../services';
import type { MpCheckinCalendar, MpCheckinResult } from '../../services/types';
import { giftProgress, streakText } from '../../utils/checkin';
import { monthGrid, monthOf, shiftMonth } from '../../utils/dates';
import './index.css';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];


export default function Checkin() {
  usePageView('每日签到');
  const [month, setMonth] = useState<string | null>(null);
  const [result, setResult] = useState<MpCheckinResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [requestId, setRequestId] = useState(() => newRequestId('ck'));
  const [reminder, setReminder] = useState<'idle' | 'accept' | 'reject'>('idle');

  const cal = useData<MpCheckinCalendar>(async () => {
    await session.ensure();
    return api.checkins(month ?? undefined);
  }, [month], { refreshOnShow: true });

  const doCheckin = async () => {
    if (busy || cal.data?.checkedToday) return;
    setBusy(true);
    try {
      const res = await api.checkin(requestId);
      setResult(res);
      setRequestId(newRequestId('ck'));
      tracker.track('checkin', { streak: res.streak, points: res.pointsAwarded, already: res.already, reward: res.reward?.title ?? '' });
      await cal.reload();
    } catch (e) {
      // The same requestId is kept, so a retry after a network error cannot check in twice.
      void Taro.showToast({ title: (e as Error).message || '签到失败', icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const subscribe = async () => {
    const tmpl = subscriptionTemplates.checkin_reminder;
    const answers = await requestSubscribe([tmpl], '允许「北辰保险」在你当天还没签到时，于晚上 8 点发送一次签到提醒？');
    const answer = answers[tmpl] ?? 'reject';
    setReminder(answer);
    tracker.track('subscribe_reminder', { scene: 'checkin_reminder', result: answer });
    try {
      await api.subscribe({ templateId: tmpl, scene: 'checkin_reminder', result: answer });
      if (answer === 'accept') void Taro.showToast({ title: '已开启签到提醒', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: (e as Error).message, icon: 'none' });
    }
  };

  return (
    <View className='page-flush checkin'>
      <Loading state={cal}>
        {(c) => {
          const shown = month ?? monthOf(c.today);
          const checked = new Set(c.days);
          const filled = giftProgress(c.streak, c.checkedToday);
          const reward = c.rewards.find((r) => r.day === 7) ?? c.rewards[0];
          return (
            <View>
              <View className='hero checkin-hero'>
                <View className='row-between'>
                  <View>
                    <Text className='hero-sub'>已连续签到</Text>
                    <View className='row checkin-streak-row'>
                      <Text className='checkin-streak-num t-streak-num'>{c.streak}</Text>
                      <Text className='checkin-streak-unit'>天</Text>
                    </View>
                  </View>
                  <View className='checkin-balance' onClick={() => Taro.navigateTo({ url: '/pages/points/index' })}>
                    <Text className='checkin-balance-num t-balance'>{c.balance}</Text>
                    <Text className='checkin-balance-label'>我的积分 ›</Text>
                  </View>
                </View>
                <Text className='hero-sub t-streak-text'>
                  {streakText(c.streak, c.checkedToday)}
                </Text>
              </View>

              <View className='pad lift'>
                <View className='card checkin-card'>
                  <View className='gift-track'>
                    {Array.from({ length: 7 }, (_, i) => (
                      <View key={i} className={`gift-day ${i < filled ? 'gift-day-on' : ''} ${i === 6 ? 'gift-day-last' : ''}`}>
                        <View className='gift-dot'>{i === 6 ? '礼' : i < filled ? '✓' : `+5`}</View>
                        <Text className='gift-label'>第{i + 1}天</Text>
                      </View>
                    ))}
                  </View>
                  <Text className='muted center t-gift-progress' style={{ display: 'block' }}>
                    {c.nextReward
                      ? c.nextReward.inDays === 0
                        ? `今日签到即得「${c.nextReward.title}」`
                        : `再签 ${c.nextReward.inDays} 天得「${c.nextReward.title}」${reward ? `（+${reward.points} 积分）` : ''}`
                      : '连签好礼已领取'}
                  </Text>
                  <View className={`btn btn-accent btn-block gap-24 t-checkin-button ${c.checkedToday ? 'btn-disabled t-checked' : ''}`} onClick={doCheckin}>
                    {c.checkedToday ? '今日已签到' : busy ? '签到中…' : '立即签到 +5 积分'}
                  </View>
                  {result && !result.already ? (
                    <View className='checkin-result t-checkin-result'>
                      <Text className='strong accent'>+{result.pointsAwarded} 积分</Text>
                      <Text className='muted'>{result.reward ? ` · 获得「${result.reward.title}」` : ' · 明天继续签到'}</Text>
                    </View>
                  ) : null}
                </View>

                <View className='card calendar t-calendar'>
                  <View className='row-between calendar-head'>
                    <Text className='calendar-nav t-month-prev' onClick={() => setMonth(shiftMonth(shown, -1))}>
                      ‹
                    </Text>
                    <Text className='strong t-month'>{shown.replace('-', ' 年 ')} 月</Text>
                    <Text className={`calendar-nav t-month-next ${shown >= monthOf(c.today) ? 'calendar-nav-off' : ''}`} onClick={() => shown < monthOf(c.today) && setMonth(shiftMonth(shown, 1))}>
                      ›
                    </Text>
                  </View>
                  <View className='calendar-week'>
                    {weekdays.map((w) => (
                      <Text key={w} className='calendar-wd'>
                        {w}
                      </Text>
                    ))}
                  </View>
                  {monthGrid(shown).map((week, wi) => (
                    <View key={wi} className='calendar-week'>
                      {week.map((cell, ci) => (
                        <View key={ci} className='calendar-cell'>
                          {cell.date ? (
                            <View className={`calendar-day ${checked.has(cell.date) ? 'calendar-day-on t-day-checked' : ''} ${cell.date === c.today ? 'calendar-day-today t-day-today' : ''} ${cell.date > c.today ? 'calendar-day-future' : ''}`}>
                              {checked.has(cell.date) ? '✓' : String(cell.day)}
                            </View>
                          ) : null}
                        </View>
                      ))}
                    </View>
                  ))}
                  <Text className='muted center' style={{ display: 'block', marginTop: '8px' }}>
                    本月已签到 {c.days.length} 天 · 按{c.timezone === 'Asia/Shanghai' ? '北京时间' : c.timezone}计算
                  </Text>
                </View>

                <View className='card row-between'>
                  <View className='grow'>
                    <Text className='card-title'>签到提醒</Text>
                    <Text className='card-sub'>当天未签到时，晚上 8 点提醒你一次</Text>
                  </View>
                  <View className={`btn btn-small ${reminder === 'accept' ? 'btn-light' : ''} t-reminder-button`} onClick={subscribe}>
                    {reminder === 'accept' ? '已开启' : '开启提醒'}
                  </View>
                </View>

                <View className='card'>
                  <Text className='card-title'>签到规则</Text>
                  <Text className='card-sub'>1. 每日签到得 5 积分，每天限签一次（以北京时间 0 点为界）。</Text>
                  <Text className='card-sub'>2. 连续签到 7 天额外获得 50 积分连签礼；中断后重新计算。</Text>
                  <Text className='card-sub'>3. 积分可在积分明细中查看，用于兑换体检、健康服务等权益。</Text>
                </View>
              </View>
            </View>
          );
        }}
      </Loading>
    </View>
  );
}
