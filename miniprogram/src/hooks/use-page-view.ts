import { useDidShow, useRouter } from '@tarojs/taro';
import { tracker } from '../services';

/** Reports `$MPViewScreen` each time the page is shown. */
export function usePageView(title: string): void {
  const router = useRouter();
  useDidShow(() => {
    tracker.pageView(router.path.split('?')[0] ?? router.path, title, router.params);
  });
}
