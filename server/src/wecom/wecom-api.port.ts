/** What Lodestar asks of WeCom's server API, in our vocabulary. */
export interface WecomApiPort {
  /** WeCom user ids of staff configured to have external contacts. */
  listFollowUsers(): Promise<string[]>;
  /** External user ids of one staff member's customers. */
  listExternalContacts(wecomUserId: string): Promise<string[]>;
}

/** A WeCom API call that failed with an errcode; retryable ones were already retried. */
export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly path: string,
  ) {
    super(`WeCom ${path} failed: ${errcode} ${errmsg}`);
    this.name = 'WecomApiError';
  }
}
