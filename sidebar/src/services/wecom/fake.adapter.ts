import { describeMessage, type OutgoingMessage, type WecomBridge, type WecomEntry } from './wecom.port';

/** What the fake records, for the demo and for browser tests (window.__wecomFake). */
export interface WecomFakeState {
  sent: Array<OutgoingMessage & { at: number; to: { externalUserId: string | null; chatId: string | null } }>;
  /** Opens the sidebar "in" a customer's 1:1 chat (external_userid), or a group (chat id), or neither. */
  setContext(c: { externalUserId?: string | null; chatId?: string | null }): void;
  externalUserId: string | null;
  chatId: string | null;
}

declare global {
  interface Window {
    __wecomFake?: WecomFakeState;
  }
}

const storeKey = 'lodestar.fake-wecom';

/**
 * The JS-SDK outside WeCom: the demo picks a customer (or a group) to stand for the current chat
 * (?contact=<external_userid> or ?chat=<chat id> on the URL, or the picker in the sidebar), and
 * every sendChatMessage is recorded in window.__wecomFake.sent and shown as a toast.
 */
export class FakeWecomBridge implements WecomBridge {
  readonly kind = 'fake' as const;
  readonly state: WecomFakeState;

  constructor(
    private readonly toast: (text: string) => void,
    private readonly clock: () => number,
    search: string = location.search,
  ) {
    const q = new URLSearchParams(search);
    const saved = JSON.parse(sessionStorage.getItem(storeKey) ?? '{}') as { externalUserId?: string | null; chatId?: string | null };
    const state: WecomFakeState = {
      sent: window.__wecomFake?.sent ?? [],
      externalUserId: q.get('contact') ?? saved.externalUserId ?? null,
      chatId: q.get('chat') ?? saved.chatId ?? null,
      setContext: (c) => {
        state.externalUserId = c.externalUserId ?? null;
        state.chatId = c.chatId ?? null;
        sessionStorage.setItem(storeKey, JSON.stringify({ externalUserId: state.externalUserId, chatId: state.chatId }));
      },
    };
    this.state = state;
    window.__wecomFake = state;
  }

  async init(): Promise<void> {}

  async entry(): Promise<WecomEntry> {
    if (this.state.externalUserId) return 'single_chat_tools';
    if (this.state.chatId) return 'group_chat_tools';
    return 'normal';
  }

  async currentExternalContact(): Promise<string | null> {
    return this.state.externalUserId;
  }

  async currentExternalChat(): Promise<string | null> {
    return this.state.chatId;
  }

  /** No camera outside WeCom: the sidebar shows a field to type or paste the code instead. */
  async scanQRCode(): Promise<string | null> {
    return null;
  }

  async sendChatMessage(message: OutgoingMessage): Promise<void> {
    this.state.sent.push({ ...message, at: this.clock(), to: { externalUserId: this.state.externalUserId, chatId: this.state.chatId } });
    const text = describeMessage(message);
    this.toast(`已发送（模拟）：${text.length > 14 ? `${text.slice(0, 14)}…` : text}`);
  }
}
