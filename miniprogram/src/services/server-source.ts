import { ApiError, httpJson, type HttpMethod } from './http';
import type { MpSource, TokenProvider } from './source';

const enc = encodeURIComponent;

/** The real server: /api/mp/* with the customer's bearer token (renewed once on a 401). */
export function createServerSource(auth: TokenProvider): MpSource {
  async function call<R>(method: HttpMethod, path: string, opts: { query?: Record<string, string | number | undefined>; body?: unknown } = {}): Promise<R> {
    const token = await auth.token();
    try {
      return await httpJson<R>({ method, path, ...opts, token });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      return httpJson<R>({ method, path, ...opts, token: await auth.renew() });
    }
  }
  const source: MpSource = {
    kind: 'server',
    login: (req) => httpJson({ method: 'POST', path: '/api/mp/login', body: req }),
    bindPhone: (req) => call('POST', '/api/mp/phone', { body: req }),
    me: () => call('GET', '/api/mp/me'),
    policies: () => call('GET', '/api/mp/policies'),

    checkins: (month) => call('GET', '/api/mp/checkins', { query: { month } }),
    checkin: (requestId) => call('POST', '/api/mp/checkins', { body: { requestId } }),
    points: () => call('GET', '/api/mp/points'),
    subscribe: (req) => call<void>('POST', '/api/mp/subscriptions', { body: req }),

    activities: (kind) => call('GET', '/api/mp/activities', { query: { kind } }),
    activity: (id, inviter) => call('GET', `/api/mp/activities/${enc(id)}`, { query: { inviter } }),
    signup: (id, req) => call('POST', `/api/mp/activities/${enc(id)}/signups`, { body: req }),
    cancelSignup: (id) => call('DELETE', `/api/mp/activities/${enc(id)}/signup`),
    tickets: () => call('GET', '/api/mp/tickets'),
    attend: (id, siteCode) => call('POST', `/api/mp/activities/${enc(id)}/attend`, { body: { siteCode } }),
    play: (id, req) => call('POST', `/api/mp/activities/${enc(id)}/play`, { body: req }),

    referrals: () => call('GET', '/api/mp/referrals'),
    poster: () => call('POST', '/api/mp/referrals/poster', { body: {} }),

    articles: (tag) => call('GET', '/api/mp/articles', { query: { tag } }),
    article: (id) => call('GET', `/api/mp/articles/${enc(id)}`),
    products: (line) => call('GET', '/api/mp/products', { query: { line } }),
    product: (id) => call('GET', `/api/mp/products/${enc(id)}`),
    leaveContact: (req) => call('POST', '/api/mp/leads', { body: req }),
    proposal: (id) => call('GET', `/api/mp/proposals/${enc(id)}`),
    assess: (input) => call('POST', '/api/mp/assessments', { body: input }),
  };
  return source;
}
