import { ScrollView, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { Empty, Loading } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import type { MpProductLine } from '../../services/types';
import { cover, lineIcons, lineLabels } from '../../utils/format';

const lines: MpProductLine[] = ['critical_illness', 'medical', 'accident', 'travel_accident', 'life', 'annuity'];

export default function Products() {
  const router = useRouter();
  usePageView('保险产品');
  const [line, setLine] = useState<MpProductLine | ''>((router.params.line as MpProductLine | undefined) ?? '');
  const list = useData(async () => {
    await session.ensure();
    return api.products(line || undefined);
  }, [line]);
  return (
    <View className='page products'>
      <ScrollView scrollX className='chips' enhanced showScrollbar={false}>
        <Text className={`chip t-line-all ${line === '' ? 'chip-on' : ''}`} onClick={() => setLine('')}>
          全部
        </Text>
        {lines.map((l) => (
          <Text key={l} className={`chip t-line-chip-${l} ${line === l ? 'chip-on' : ''}`} onClick={() => setLine(l)}>
            {lineLabels[l]}
          </Text>
        ))}
      </ScrollView>
      <Loading state={list}>
        {(d) =>
          d.items.length ? (
            <View>
              {d.items.map((p) => (
                <View key={p.id} className={`card product-card t-product-card t-product-${p.code}`} onClick={() => Taro.navigateTo({ url: `/pages/product/index?id=${encodeURIComponent(p.id)}` })}>
                  <View className='row'>
                    <View className='list-icon'>{lineIcons[p.line]}</View>
                    <View className='grow'>
                      <Text className='card-title'>{p.name}</Text>
                      <Text className='card-sub'>
                        {p.lineName || lineLabels[p.line]} · 保额 {cover(p.minCover)}–{cover(p.maxCover)}
                      </Text>
                    </View>
                  </View>
                  <Text className='card-sub product-desc'>{p.description}</Text>
                  <View className='row-between gap-16'>
                    <Text className='product-price'>
                      <Text className='product-price-num'>¥{p.premiumFrom}</Text> 起/年
                    </Text>
                    <View className='btn btn-small btn-light'>查看详情</View>
                  </View>
                </View>
              ))}
            </View>
          ) : (
            <Empty text='该险种暂无在售产品' />
          )
        }
      </Loading>
    </View>
  );
}
