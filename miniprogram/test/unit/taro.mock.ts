/**
 * The few @tarojs/taro APIs the services use, for unit tests in Node: storage in a Map, and
 * request() answered by whatever the test queues with `taroMock.answer(...)` (recorded in
 * `taroMock.requests`).
 */
export interface RequestOption {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}
type Answer = { statusCode: number; data: unknown } | Error;

const store = new Map<string, unknown>();
const answers: Array<(req: RequestOption) => Answer> = [];

export const taroMock = {
  store,
  requests: [] as RequestOption[],
  /** Queues the answer to the next request (a function sees the request). */
  answer(a: Answer | ((req: RequestOption) => Answer)): void {
    answers.push(typeof a === 'function' ? a : () => a);
  },
  reset(): void {
    store.clear();
    answers.length = 0;
    taroMock.requests.length = 0;
  },
};

const Taro = {
  getStorageSync: (key: string): unknown => (store.has(key) ? store.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => void store.set(key, value),
  removeStorageSync: (key: string): void => void store.delete(key),
  async request(req: RequestOption): Promise<{ statusCode: number; data: unknown }> {
    taroMock.requests.push(req);
    const next = answers.shift();
    if (!next) throw new Error(`no answer queued for ${req.method ?? 'GET'} ${req.url}`);
    const a = next(req);
    if (a instanceof Error) throw a;
    return a;
  },
  async login(): Promise<{ code: string; errMsg: string }> {
    return { code: 'weapp-code', errMsg: 'login:ok' };
  },
  getLaunchOptionsSync: () => ({ query: {} }),
  async showModal(): Promise<{ confirm: boolean }> {
    return { confirm: true };
  },
  pxTransform: (n: number): string => `${n / 40}rem`,
};

export default Taro;
