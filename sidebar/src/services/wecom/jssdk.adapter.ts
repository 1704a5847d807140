import * as ww from '@wecom/jssdk';
import type { JssdkConfig } from '@lodestar/shared';
import { get } from '../http';
import type { OutgoingMessage, WecomBridge, WecomEntry } from './wecom.port';

const jsApiList = ['getContext', 'getCurExternalContact', 'getCurExternalChat', 'sendChatMessage', 'scanQRCode'];
const known: readonly WecomEntry[] = ['single_chat_tools', 'group_chat_tools', 'contact_profile', 'normal'];

/** The real JS-SDK: ww.register with the corp and agent signatures the server makes for this page's URL. */
export class JssdkBridge implements WecomBridge {
  readonly kind = 'jssdk' as const;
  private config: Promise<JssdkConfig> | null = null;

  private signatures(url: string): Promise<JssdkConfig> {
    this.config ??= get<JssdkConfig>('/api/sidebar/jssdk-config', { url: url.split('#')[0] ?? url });
    return this.config;
  }

  async init(): Promise<void> {
    const c = await this.signatures(location.href);
    ww.register({
      corpId: c.corpId,
      agentId: c.agentId,
      jsApiList,
      getConfigSignature: async (url) => (await this.signatures(url)).config,
      getAgentConfigSignature: async (url) => (await this.signatures(url)).agentConfig,
    });
    await ww.ensureAgentConfigReady();
  }

  async entry(): Promise<WecomEntry> {
    const r = await ww.getContext();
    return (known as readonly string[]).includes(r.entry) ? (r.entry as WecomEntry) : 'other';
  }

  async currentExternalContact(): Promise<string | null> {
    try {
      return (await ww.getCurExternalContact()).userId || null;
    } catch {
      return null;
    }
  }

  async currentExternalChat(): Promise<string | null> {
    try {
      return (await ww.getCurExternalChat()).chatId || null;
    } catch {
      return null;
    }
  }

  async sendChatMessage(message: OutgoingMessage): Promise<void> {
    await ww.sendChatMessage(message as Parameters<typeof ww.sendChatMessage>[0]);
  }

  async scanQRCode(): Promise<string | null> {
    try {
      const r = await ww.scanQRCode({ needResult: true, scanType: [ww.ScanQRCodeType.qrCode] });
      return r.resultStr || null;
    } catch {
      return null;
    }
  }
}
