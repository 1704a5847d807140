import { Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro, { useLoad, useShareAppMessage } from '@tarojs/taro';
import { ActivityCard } from '../../components/activity-card';
import { Loading, Section } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session, tracker } from '../../services';
import type { MpProductLine } from '../../services/types';
import { lineIcons, lineLabels } from '../../utils/format';
import './index.css';

const go = (url: string) => () => Taro.navigateTo({ url });
const tab = (url: string) => () => Taro.switchTab({ url });

const banners = [
  { key: 'checkin', title: '每日签到领积分', sub: '连签 7 天再得 50 积分好礼', cta: '去签到', tone: 'blue', onClick: tab('/pages/checkin/index') },
  { key: 'assessment', title: '3 分钟保障测评', sub: '看看你的家庭保障缺口有多大', cta: '开始测评', tone: 'green', onClick: go('/pages/assessment/index') },
  { key: 'referral', title: '邀请好友 共享保障', sub: '好友加入，你得 100 积分', cta: '去邀请', tone: 'orange', onClick: go('/pages/referral/index') },
] as const;

const entries: Array<{ key: string; label: string; icon: string; onClick: () => void }> = [
  { key: 'checkin', label: '签到有礼', icon: '签', onClick: tab('/pages/checkin/index') },
  { key: 'activities', label: '热门活动', icon: '活', onClick: tab('/pages/activities/index') },
  { key: 'assessment', label: '保障测评', icon: '测', onClick: go('/pages/assessment/index') },
  { key: 'referral', label: '邀请好友', icon: '邀', onClick: go('/pages/referral/index') },
  { key: 'products', label: '保险产品', icon: '保', onClick: go('/pages/products/index') },
  { key: 'articles', label: '知识课堂', icon: '知', onClick: go('/pages/articles/index') },
  { key: 'tickets', label: '我的门票', icon: '票', onClick: go('/pages/tickets/index') },
  { key: 'points', label: '积分明细', icon: '积', onClick: go('/pages/points/index') },
];

const lines: MpProductLine[] = ['critical_illness', 'medical', 'accident', 'travel_accident', 'life', 'annuity'];

export default function Home() {
  usePageView('首页');
  // A shared card opens the home page with ?r=<referral code>; the first login sends it.
  useLoad((query: Record<string, string | undefined>) => session.rememberReferrer(query.r ?? null));

  const me = useData(async () => {
    await session.ensure();
    const [calendar, activities, articles] = await Promise.all([api.checkins(), api.activities(), api.articles()]);
    return { calendar, activities: activities.items.slice(0, 3), articles: articles.items.slice(0, 3) };
  }, [], { refreshOnShow: true });

  useShareAppMessage(() => {
    tracker.track('share', { page: 'pages/index/index', via: 'menu' });
    return { title: '北辰保险 · 签到领积分，保障测评一步到位', path: '/pages/index/index' };
  });

  const name = session.customer()?.name;
  return (
    <View className='page-flush home'>
      <View className='hero home-hero'>
        <Text className='hero-title t-home-greeting'>{name ? `你好，${name}` : '你好'}</Text>
        <Text className='hero-sub'>北辰保险 · 守护每一个家庭</Text>
        {me.data ? (
          <View className='home-points row' onClick={go('/pages/points/index')}>
            <Text className='home-points-num t-home-points'>{me.data.calendar.balance}</Text>
            <Text className='home-points-label'>积分</Text>
            <Text className='home-points-sep'>|</Text>
            <Text className='home-points-label t-home-checkin-state'>
              {me.data.calendar.checkedToday ? `已连签 ${me.data.calendar.streak} 天` : '今日未签到'}
            </Text>
          </View>
        ) : null}
      </View>

      <View className='pad lift'>
        <Swiper className='banners t-banners' indicatorDots autoplay circular interval={4500} indicatorActiveColor='#ffffff' indicatorColor='rgba(255,255,255,0.45)'>
          {banners.map((b) => (
            <SwiperItem key={b.key}>
              <View className={`banner banner-${b.tone} t-banner-${b.key}`} onClick={b.onClick}>
                <Text className='banner-title'>{b.title}</Text>
                <Text className='banner-sub'>{b.sub}</Text>
                <View className='banner-cta'>{b.cta}</View>
              </View>
            </SwiperItem>
          ))}
        </Swiper>

        <View className='card entries'>
          {entries.map((e) => (
            <View key={e.key} className={`entry t-entry-${e.key}`} onClick={e.onClick}>
              <View className={`entry-icon entry-icon-${e.key}`}>{e.icon}</View>
              <Text className='entry-label'>{e.label}</Text>
            </View>
          ))}
        </View>

        <Section title='近期活动' extra='全部' onExtra={tab('/pages/activities/index')}>
          <Loading state={me} skeleton={2}>
            {(d) => (
              <View>
                {d.activities.map((a) => (
                  <ActivityCard key={a.id} a={a} />
                ))}
              </View>
            )}
          </Loading>
        </Section>

        <Section title='保险产品' extra='全部' onExtra={go('/pages/products/index')}>
          <View className='card lines'>
            {lines.map((l) => (
              <View key={l} className={`line t-line-${l}`} onClick={go(`/pages/products/index?line=${l}`)}>
                <View className='line-icon'>{lineIcons[l]}</View>
                <Text className='line-label'>{lineLabels[l]}</Text>
              </View>
            ))}
          </View>
        </Section>

        <Section title='知识课堂' extra='更多' onExtra={go('/pages/articles/index')}>
          <View className='card'>
            {me.data
              ? me.data.articles.map((a) => (
                  <View key={a.id} className='list-row t-article-row' onClick={go(`/pages/article/index?id=${encodeURIComponent(a.id)}`)}>
                    <View className='grow'>
                      <Text className='strong ellipsis' style={{ display: 'block' }}>
                        {a.title}
                      </Text>
                      <Text className='muted ellipsis' style={{ display: 'block' }}>
                        {a.summary}
                      </Text>
                    </View>
                    <Text className='chevron'>›</Text>
                  </View>
                ))
              : null}
          </View>
        </Section>
      </View>
    </View>
  );
}
