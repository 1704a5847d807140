/**
 * The only module pages import for data, identity, WeChat abilities and tracking. Which back end
 * answers (the real server, or the in-memory demo) is decided here, from the build's
 * LODESTAR_DATA_SOURCE; pages cannot tell.
 */
import { createDemoSource } from './demo-source';
import { httpForm } from './http';
import { platform } from './platform';
import { createServerSource } from './server-source';
import { createSession } from './session';
import type { MpSource } from './source';
import { createReporter } from './tracking';

export const session = createSession(() => api, platform.target === 'h5' ? 'mp_h5' : 'mp_weapp');

export const api: MpSource = platform.dataSource === 'demo' ? createDemoSource() : createServerSource(session);

export const tracker = createReporter({ send: (path, form) => (api.kind === 'demo' ? Promise.resolve(200) : httpForm(path, form)) });
session.onLogin((c) => tracker.identify(c.id));

export { ApiError } from './http';
export { newRequestId, platform } from './platform';
export { deviceId, launchQuery, referrerFromQuery, requestSubscribe, sandboxPhoneCode, subscriptionTemplates } from './wechat';
export type * from './types';
