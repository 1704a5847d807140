import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import { cover, dateOnly, lineLabels, yuan } from '../../utils/format';
import './index.css';

/** The proposal (计划书) an agent shared: opening it tells the agent (the server records the view). */
export default function ProposalPage() {
  const router = useRouter();
  const id = router.params.id ?? '';
  usePageView('保障计划书');
  const proposal = useData(async () => {
    await session.ensure();
    return api.proposal(id);
  }, [id]);
  return (
    <View className='page-flush proposal'>
      <Loading state={proposal}>
        {(p) => (
          <View>
            <View className='hero proposal-hero'>
              <Text className='hero-sub'>专属保障计划书</Text>
              <Text className='hero-title'>为你量身定制的家庭保障方案</Text>
              <View className='proposal-agent row'>
                <View className='agent-avatar'>{p.agent.name.slice(0, 1)}</View>
                <View>
                  <Text className='strong t-proposal-agent' style={{ display: 'block' }}>
                    {p.agent.name}
                  </Text>
                  <Text className='hero-sub' style={{ marginTop: 0 }}>
                    {p.agent.title} · {dateOnly(p.createdAt)} 制作
                  </Text>
                </View>
              </View>
            </View>
            <View className='pad lift'>
              <View className='card proposal-total'>
                <Text className='muted'>首年保费合计</Text>
                <Text className='proposal-total-num t-proposal-total'>{yuan(p.totalPremium)}</Text>
                <Text className='muted'>共 {p.items.length} 款产品</Text>
              </View>
              {p.items.map((it) => (
                <View key={it.product.id} className='card t-proposal-item'>
                  <View className='row-between'>
                    <Text className='card-title grow'>{it.product.name}</Text>
                    <Tag>{it.product.lineName || lineLabels[it.product.line]}</Tag>
                  </View>
                  <Text className='card-sub'>{it.product.description}</Text>
                  <View className='row-between gap-16 proposal-figures'>
                    <View className='kv'>
                      <Text className='kv-v'>{cover(it.cover)}</Text>
                      <Text className='kv-k'>保额</Text>
                    </View>
                    <View className='kv'>
                      <Text className='kv-v accent'>{yuan(it.premium)}</Text>
                      <Text className='kv-k'>年保费</Text>
                    </View>
                  </View>
                </View>
              ))}
              <View className='card notice'>本计划书仅供参考，保障责任、责任免除等以正式保险合同条款为准。</View>
              <View className='btn btn-accent btn-block t-proposal-contact' onClick={() => Taro.switchTab({ url: '/pages/me/index' })}>
                联系我的顾问
              </View>
            </View>
          </View>
        )}
      </Loading>
    </View>
  );
}
