import type * as T from './types';

/**
 * Everything the pages can ask of the back end: one method per route of the mini-program API
 * (shared/src/miniapp.ts, /api/mp/*). Two implementations sit behind it: the real server
 * (server-source.ts, what production and the tests use) and an in-memory demo (demo-source.ts, for
 * design work without a server). Pages never see which.
 */
export interface MpSource {
  readonly kind: 'server' | 'demo';
  login(req: T.MpLoginRequest): Promise<T.MpLoginResponse>;
  bindPhone(req: T.MpPhoneRequest): Promise<T.MpPhoneResponse>;
  me(): Promise<T.MpMe>;
  policies(): Promise<T.MpPolicyList>;

  checkins(month?: string): Promise<T.MpCheckinCalendar>;
  checkin(requestId: string): Promise<T.MpCheckinResult>;
  points(): Promise<T.MpPoints>;
  subscribe(req: T.MpSubscriptionRequest): Promise<void>;

  activities(kind?: T.ActivityKind): Promise<T.MpActivityList>;
  activity(id: string, inviter?: string): Promise<T.MpActivityDetail>;
  signup(id: string, req: T.MpSignupRequest): Promise<T.MpSignupResult>;
  cancelSignup(id: string): Promise<T.MpCancelResult>;
  tickets(): Promise<T.MpTicketList>;
  attend(id: string, siteCode: string): Promise<T.MpAttendResult>;
  play(id: string, req: T.MpPlayRequest): Promise<T.MpPlayResult>;

  referrals(): Promise<T.MpReferrals>;
  poster(): Promise<T.MpPoster>;

  articles(tag?: string): Promise<T.MpArticleList>;
  article(id: string): Promise<T.MpArticle>;
  products(line?: T.MpProductLine): Promise<T.MpProductList>;
  product(id: string): Promise<T.MpProduct>;
  leaveContact(req: T.MpLeadRequest): Promise<T.MpLeadResult>;
  proposal(id: string): Promise<T.Proposal>;
  assess(input: T.AssessmentInput): Promise<T.AssessmentResult>;
}

/** How a source gets (and renews) the bearer token; the session supplies it. */
export interface TokenProvider {
  /** A valid token, logging in first when there is none. */
  token(): Promise<string>;
  /** Called after a 401: log in again and return the new token. */
  renew(): Promise<string>;
}
