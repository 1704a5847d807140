import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ActivityCard } from '../../components/activity-card';
import { Empty, Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import type { ActivityKind } from '../../services/types';

const tabs: Array<{ kind: ActivityKind; label: string }> = [
  { kind: 'offline', label: '线下活动' },
  { kind: 'online', label: '线上活动' },
];

export default function Activities() {
  usePageView('活动');
  const [kind, setKind] = useState<ActivityKind>('offline');
  const list = useData(async () => {
    await session.ensure();
    return api.activities(kind);
  }, [kind], { refreshOnShow: true });

  return (
    <View className='page activities'>
      <View className='seg'>
        {tabs.map((t) => (
          <Text key={t.kind} className={`seg-item t-tab-${t.kind} ${kind === t.kind ? 'seg-on' : ''}`} onClick={() => setKind(t.kind)}>
            {t.label}
          </Text>
        ))}
      </View>
      <Text className='muted' style={{ display: 'block', margin: '0 4px 16px' }}>
        {kind === 'offline' ? '讲座、健康讲堂，报名后凭电子门票入场' : '答题、抽奖，随时参与赢积分'}
      </Text>
      <Loading state={list}>
        {(d) => (d.items.length ? <View className='t-activity-list'>{d.items.map((a) => <ActivityCard key={a.id} a={a} />)}</View> : <Empty text='暂时没有活动，敬请期待' />)}
      </Loading>
    </View>
  );
}
