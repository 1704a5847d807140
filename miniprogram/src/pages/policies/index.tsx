import { Text, View } from '@tarojs/components';
import { Empty, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import { cover, lineLabels } from '../../utils/format';

const statusLabel: Record<string, { text: string; tone: 'green' | 'gray' | 'orange' | 'red' }> = {
  active: { text: '保障中', tone: 'green' },
  lapsed: { text: '已失效', tone: 'orange' },
  expired: { text: '已满期', tone: 'gray' },
  surrendered: { text: '已退保', tone: 'gray' },
};

export default function Policies() {
  usePageView('我的保单');
  const list = useData(async () => {
    await session.ensure();
    return api.policies();
  }, []);
  return (
    <View className='page policies'>
      <Loading state={list}>
        {(d) =>
          d.items.length ? (
            <View>
              {d.items.map((p) => (
                <View key={p.policyNo} className='card t-policy'>
                  <View className='row-between'>
                    <Text className='card-title grow'>{p.product}</Text>
                    <Tag tone={statusLabel[p.status]?.tone ?? 'gray'}>{statusLabel[p.status]?.text ?? p.status}</Tag>
                  </View>
                  <Text className='card-sub'>
                    {lineLabels[p.productLine]} · 保单号 {p.policyNo}
                  </Text>
                  <View className='row-between gap-16'>
                    <Text className='muted'>保额 {cover(p.coverAmount)}</Text>
                    <Text className='muted'>年保费 ¥{p.annualPremium}</Text>
                  </View>
                  <Text className='muted'>
                    {p.startDate} 至 {p.endDate ?? '终身'}
                  </Text>
                </View>
              ))}
            </View>
          ) : (
            <Empty text='暂未查询到你的保单' />
          )
        }
      </Loading>
    </View>
  );
}
