import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Empty, Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session } from '../../services';
import { dateOnly, lineLabels } from '../../utils/format';

const tags = [
  { key: '', label: '全部' },
  { key: 'knowledge', label: '保险知识' },
  { key: 'claims', label: '理赔指南' },
  { key: 'retirement', label: '养老规划' },
  { key: 'product', label: '产品解读' },
  { key: 'local_news', label: '本地资讯' },
];
const categoryLabel: Record<string, string> = Object.fromEntries(tags.map((t) => [t.key, t.label]));

export default function Articles() {
  usePageView('知识课堂');
  const [tag, setTag] = useState('');
  const list = useData(async () => {
    await session.ensure();
    return api.articles(tag || undefined);
  }, [tag]);
  return (
    <View className='page articles'>
      <ScrollView scrollX className='chips' enhanced showScrollbar={false}>
        {tags.map((t) => (
          <Text key={t.key} className={`chip t-article-tag-${t.key || 'all'} ${tag === t.key ? 'chip-on' : ''}`} onClick={() => setTag(t.key)}>
            {t.label}
          </Text>
        ))}
      </ScrollView>
      <Loading state={list}>
        {(d) =>
          d.items.length ? (
            <View>
              {d.items.map((a) => (
                <View key={a.id} className='card t-article-card' onClick={() => Taro.navigateTo({ url: `/pages/article/index?id=${encodeURIComponent(a.id)}` })}>
                  <Text className='card-title'>{a.title}</Text>
                  <Text className='card-sub'>{a.summary}</Text>
                  <View className='row-between gap-16'>
                    <View className='row'>
                      <Tag>{categoryLabel[a.category] ?? a.category}</Tag>
                      {a.productLine ? <Tag tone='orange'>{lineLabels[a.productLine]}</Tag> : null}
                    </View>
                    <Text className='muted'>{dateOnly(a.publishedAt)}</Text>
                  </View>
                </View>
              ))}
            </View>
          ) : (
            <Empty text='这个栏目还没有文章' />
          )
        }
      </Loading>
    </View>
  );
}
