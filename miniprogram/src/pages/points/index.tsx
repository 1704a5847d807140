import { Text, View } from '@tarojs/components';
import { Empty, Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import { dateTime, pointsReasonLabels } from '../../utils/format';

export default function Points() {
  usePageView('积分明细');
  const points = useData(async () => {
    await session.ensure();
    return api.points();
  }, []);
  return (
    <View className='page-flush points'>
      <Loading state={points}>
        {(p) => (
          <View>
            <View className='hero' style={{ paddingBottom: '60px' }}>
              <Text className='hero-sub'>当前积分</Text>
              <Text className='t-points-balance' style={{ fontSize: '40px', fontWeight: 800, display: 'block' }}>
                {p.balance}
              </Text>
            </View>
            <View className='pad gap-24'>
              <View className='card'>
                {p.entries.length ? (
                  p.entries.map((e) => (
                    <View key={e.id} className='list-row t-ledger-row'>
                      <View className='grow'>
                        <Text className='strong' style={{ display: 'block' }}>
                          {pointsReasonLabels[e.reason] ?? e.reason}
                        </Text>
                        <Text className='muted'>{dateTime(e.at)}</Text>
                      </View>
                      <Text className={e.delta >= 0 ? 'accent strong' : 'muted strong'}>{e.delta >= 0 ? `+${e.delta}` : e.delta}</Text>
                    </View>
                  ))
                ) : (
                  <Empty text='还没有积分记录，去签到领积分吧' />
                )}
              </View>
            </View>
          </View>
        )}
      </Loading>
    </View>
  );
}
