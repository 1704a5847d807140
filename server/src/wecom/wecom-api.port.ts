/** What Lodestar asks of WeCom's server API, in our vocabulary. */
export interface WecomApiPort {
  /** WeCom user ids of staff configured to have external contacts. */
  listFollowUsers(): Promise<string[]>;
  /** External user ids of one staff member's customers. */
  listExternalContacts(wecomUserId: string): Promise<string[]>;
  /** Creates a "contact me" QR code (渠道活码) whose adds come back with `state`. */
  addContactWay(req: ContactWayRequest): Promise<{ configId: string; qrCode: string }>;
  /** Points a contact way at other agents (the next in a pool). */
  updateContactWay(configId: string, userIds: string[]): Promise<void>;
  /** Sends the welcome message for one add; once per code, within 20 s of the add event. */
  sendWelcomeMessage(welcomeCode: string, text: string): Promise<void>;
}

export interface ContactWayRequest {
  userIds: string[];
  /** Up to 30 characters; comes back as State on the add event. */
  state: string;
  skipVerify: boolean;
  remark?: string;
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
