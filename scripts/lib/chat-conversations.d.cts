/** Types of chat-conversations.cjs (the generator of agent–customer insurance chats for the sandbox chat archive). */

export type ProductLine = 'critical_illness' | 'medical' | 'accident' | 'life' | 'annuity' | 'education';
export type ObjectionKind = '价格' | '信任' | '已有保障' | '再考虑';
/** Insurance needs as the tag dictionary names them (shared/src/tags.ts, group insurance_need). */
export type NeedTag = '重疾险' | '医疗险' | '意外险' | '寿险' | '养老/年金' | '教育金';

interface ArchiveEnvelope {
  msgid: string;
  /** 'recall' for a revoke, 'send' otherwise. */
  action: 'send' | 'recall';
  from: string;
  tolist: [string];
  roomid: '';
  /** Milliseconds. */
  msgtime: number;
}
/** A decrypted chat-archive message, exactly as the WeCom SDK's DecryptData returns it (one-to-one chats). */
export type ArchivePlaintext = ArchiveEnvelope &
  (
    | { msgtype: 'text'; text: { content: string } }
    | { msgtype: 'image'; image: { md5sum: string; filesize: number; sdkfileid: string } }
    | { msgtype: 'link'; link: { title: string; description: string; link_url: string; image_url: string } }
    | { msgtype: 'weapp'; weapp: { title: string; description: string; username: string; displayname: string } }
    | { msgtype: 'revoke'; revoke: { pre_msgid: string } }
    | { msgtype: 'agree'; agree: { userid: string; agree_time: number } }
  );

/** What the generator put into a conversation, for tests and the benchmark to check mining against. */
export interface ConversationTruth {
  /** The needs the customer voiced, the conversation's line first. */
  needs: NeedTag[];
  /** The objections the customer raised, in order (each kind at most once). */
  objections: ObjectionKind[];
  /** Agent text messages that break the marketing-compliance rules (a later recall does not undo one). */
  complianceBreaches: number;
  breachMsgids: string[];
  /** The agent sent a proposal (计划书) link. */
  proposalShared: boolean;
  /** The customer bought (agreed, got the purchase card, paid). */
  closed: boolean;
  /** Each objection's answer: the agent's reply, its quality, and whether the customer stayed engaged right after. */
  objectionReplies: Array<{ objection: ObjectionKind; replyMsgid: string; quality: 'strong' | 'weak'; engaged: boolean }>;
  /** Profile facts the customer told when the agent asked (tag names of shared/src/tags.ts), else null; other lines may hint at them too. */
  profile: { employment: string | null; familyStage: string | null; budget: string | null };
}

export interface Conversation {
  /** The agent's WeCom userid. */
  agent: string;
  /** The customer's external_userid. */
  customer: string;
  productLine: ProductLine;
  /** In time order (msgtime strictly increasing). */
  messages: ArchivePlaintext[];
  truth: ConversationTruth;
}

export interface ConversationOptions {
  /** Default 7. Same seed and options → the same conversations, msgids `sim-<seed>-<n>`. */
  seed?: number;
  conversations: number;
  /** WeCom userids of the agents. */
  agents: readonly string[];
  /** external_userids; with more conversations than customers, a customer's later conversations follow the earlier ones in time. */
  customers: readonly string[];
  /** Milliseconds: every message lies in [start, start + spanDays days). */
  start: number;
  /** Default 7. */
  spanDays?: number;
  /** Share (0–1) of agent text messages that break the compliance rules; default 0.03. */
  breachRate?: number;
  /** customer → agent userid, when known (otherwise each customer gets a seeded agent). */
  owners?: Readonly<Record<string, string>>;
}

export declare function generateConversations(options: ConversationOptions): Conversation[];
/** Whether a text holds one of the breach phrases. */
export declare function hasComplianceBreach(text: string): boolean;
export declare const complianceBreachPhrases: readonly string[];
export declare const objectionKinds: readonly ObjectionKind[];
export declare const productLines: readonly ProductLine[];
export declare const needTags: Readonly<Record<ProductLine, NeedTag>>;
