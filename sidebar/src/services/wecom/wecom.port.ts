/**
 * What the sidebar needs from the WeCom client, behind one seam: the real JS-SDK inside WeCom
 * (jssdk.adapter.ts) and a browser fake outside it (fake.adapter.ts, for the demo and tests).
 */

/** Where the sidebar was opened (getContext's entry, narrowed to what the sidebar tells apart). */
export type WecomEntry = 'single_chat_tools' | 'group_chat_tools' | 'contact_profile' | 'normal' | 'other';

/** A message the agent sends into the current chat (sendChatMessage's shapes we use). */
export type OutgoingMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'news'; news: { link: string; title: string; desc: string; imgUrl: string } }
  | { msgtype: 'miniprogram'; miniprogram: { appid: string; title: string; imgUrl: string; page: string } };

export interface WecomBridge {
  readonly kind: 'jssdk' | 'fake';
  /** Registers with the server's signatures (real) or reads the demo's choice (fake). */
  init(): Promise<void>;
  entry(): Promise<WecomEntry>;
  /** The external_userid of the customer in the current 1:1 chat or profile, if any. */
  currentExternalContact(): Promise<string | null>;
  /** The chat id of the current customer group, if any. */
  currentExternalChat(): Promise<string | null>;
  sendChatMessage(message: OutgoingMessage): Promise<void>;
  /** Opens the camera for a QR code and answers its text; null when scanning is not available here (the fake) or was cancelled. */
  scanQRCode(): Promise<string | null>;
}

/** A short text for toasts and the fake's log. */
export function describeMessage(m: OutgoingMessage): string {
  switch (m.msgtype) {
    case 'text':
      return m.text.content;
    case 'news':
      return `[图文] ${m.news.title}`;
    case 'miniprogram':
      return `[小程序] ${m.miniprogram.title}`;
    default: {
      const never: never = m;
      return String(never);
    }
  }
}
