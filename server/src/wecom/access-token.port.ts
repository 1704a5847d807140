/** Where access tokens live between calls and between processes. */
export interface AccessTokenCache {
  /** A token still valid at `now`, if any process has one. */
  read(key: string, now: Date): Promise<string | null>;
  /** Fetches a new token under a cross-process lock (one refresh at a time) and shares it. */
  refresh(key: string, fetchToken: () => Promise<{ token: string; expiresAt: Date }>): Promise<string>;
  /** Forgets a token WeCom refused, unless another process has replaced it already. */
  drop(key: string, token: string): Promise<void>;
}
