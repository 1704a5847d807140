import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Loading, Tag } from '../../components/ui';
import { useData } from '../../hooks/use-data';
import { usePageView } from '../../hooks/use-page-view';
import { api, session, tracker } from '../../services';
import { dateOnly, lineLabels } from '../../utils/format';

export default function Article() {
  const router = useRouter();
  const id = router.params.id ?? '';
  usePageView('文章');
  const article = useData(async () => {
    await session.ensure();
    return api.article(id);
  }, [id]);
  useShareAppMessage(() => {
    tracker.track('share', { page: 'pages/article/index', article_id: id });
    return { title: article.data?.title ?? '北辰保险 · 知识课堂', path: `/pages/article/index?id=${encodeURIComponent(id)}` };
  });
  return (
    <View className='page article'>
      <Loading state={article}>
        {(a) => (
          <View className='card article-card'>
            <Text className='article-title t-article-title'>{a.title}</Text>
            <View className='row gap-16'>
              {a.productLine ? <Tag tone='orange'>{lineLabels[a.productLine]}</Tag> : null}
              <Text className='muted'>北辰保险 · {dateOnly(a.publishedAt)}</Text>
            </View>
            <View className='article-body'>
              {a.body.split(/\n+/).map((p, i) => (
                <Text key={i} className='article-p'>
                  {p}
                </Text>
              ))}
            </View>
            {a.productLine ? (
              <View className='btn btn-light btn-block gap-24 t-article-products' onClick={() => Taro.navigateTo({ url: `/pages/products/index?line=${a.productLine}` })}>
                了解{lineLabels[a.productLine]}产品
              </View>
            ) : null}
          </View>
        )}
      </Loading>
    </View>
  );
}
