import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Empty, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import { dateTime, signupStatusLabels } from '../../utils/format';

export default function Tickets() {
  usePageView('我的门票');
  const list = useData(async () => {
    await session.ensure();
    return api.tickets();
  }, [], { refreshOnShow: true });
  return (
    <View className='page tickets'>
      <Loading state={list}>
        {(d) =>
          d.items.length ? (
            <View className='card'>
              {d.items.map((t) => (
                <View key={t.code} className='list-row t-ticket-row' onClick={() => Taro.navigateTo({ url: `/pages/ticket/index?code=${encodeURIComponent(t.code)}` })}>
                  <View className='list-icon'>票</View>
                  <View className='grow'>
                    <Text className='strong ellipsis' style={{ display: 'block' }}>
                      {t.activity.title}
                    </Text>
                    <Text className='muted'>{dateTime(t.activity.startsAt)}</Text>
                  </View>
                  <Tag tone={t.status === 'attended' ? 'blue' : t.status === 'confirmed' ? 'green' : 'gray'}>{signupStatusLabels[t.status] ?? t.status}</Tag>
                  <Text className='chevron'>›</Text>
                </View>
              ))}
            </View>
          ) : (
            <Empty text='还没有门票，去活动页报名吧' />
          )
        }
      </Loading>
    </View>
  );
}
