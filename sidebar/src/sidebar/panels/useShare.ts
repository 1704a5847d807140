import { useState } from 'react';
import { DialogPlugin, MessagePlugin } from 'tdesign-react';
import { checkCompliance } from '../../services/compliance';
import { miniProgramAppId, shareMessage } from '../../services/content';
import { errorText } from '../../services/http';
import type { WecomBridge } from '../../services/wecom';

/**
 * Sends a page (article, product, activity, proposal) into the current chat: its title and summary
 * are checked for compliance first (a high-severity hit is not sent, a medium one asks), then it
 * goes as a mini-program card, or as an H5 link when no appid is configured.
 */
export function useShare(bridge: WecomBridge): { busy: string | null; share: (key: string, item: { title: string; summary: string; page: string; url: string }) => Promise<boolean> } {
  const [busy, setBusy] = useState<string | null>(null);

  const share = async (key: string, item: { title: string; summary: string; page: string; url: string }): Promise<boolean> => {
    setBusy(key);
    try {
      const [check, appid] = await Promise.all([checkCompliance(`${item.title}\n${item.summary}`), miniProgramAppId()]);
      const words = check.hits.map((h) => h.match).join('、');
      if (check.hits.some((h) => h.severity === 'high')) {
        void MessagePlugin.error(`含高风险用语（${words}），未发送`);
        return false;
      }
      if (check.hits.length > 0) {
        const ok = await new Promise<boolean>((done) => {
          const d = DialogPlugin.confirm({
            header: '合规提示',
            body: `内容含需注意的用语：${words}。仍要发送吗？`,
            confirmBtn: '仍然发送',
            onConfirm: () => {
              d.destroy();
              done(true);
            },
            onClose: () => {
              d.destroy();
              done(false);
            },
          });
        });
        if (!ok) return false;
      }
      await bridge.sendChatMessage(shareMessage(item, appid));
      return true;
    } catch (e) {
      void MessagePlugin.error(`发送失败：${errorText(e)}`);
      return false;
    } finally {
      setBusy(null);
    }
  };

  return { busy, share };
}
