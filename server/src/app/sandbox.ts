import type Router from '@koa/router';
import { sandboxDefaults } from '../platform/config';
import type { AnyRoute } from '../platform/http/route';
import { FakeTokenIssuer } from '../sandbox/fake-token-issuer';
import { OutboxRepository } from '../sandbox/outbox.repository';
import { SandboxDirectoryRepository } from '../sandbox/sandbox-directory.repository';
import { sandboxRoutes } from '../sandbox/sandbox.router';
import { wechatFakeRouter } from '../sandbox/wechat-fake.router';
import { WecomFakeState, WecomFaults, wecomFakeRouter } from '../sandbox/wecom-fake.router';
import type { Container } from './container';

export const sandboxPrefixes = { wecom: '/sandbox/wecom', wechat: '/sandbox/wechat' } as const;

/** The sandbox's fake WeCom and WeChat servers and its control API, wired to the container. */
export function sandboxParts(c: Container, corpId: string, baseUrl: () => string): { routes: AnyRoute[]; routers: Router[] } {
  if (!c.config.sandbox || !c.sandboxClock) return { routes: [], routers: [] };
  const clock = c.sandboxClock;
  const outbox = new OutboxRepository(c.ds);
  const tokens = new FakeTokenIssuer(() => clock.now().getTime());
  const wechatTokens = new FakeTokenIssuer(() => clock.now().getTime());
  const faults = new WecomFaults();
  const w = c.config.wecom;
  const secrets = [w.contactSecret, w.agentSecret, w.archiveSecret].filter((s): s is string => !!s);
  const directory = new SandboxDirectoryRepository(c.ds);
  return {
    routes: sandboxRoutes({
      clock,
      outbox,
      info: async () => ({
        corpId: w.corpId,
        callbackToken: w.callbackToken,
        callbackAesKey: w.callbackAesKey,
        agentUserIds: await directory.followUserIds(corpId),
        mpAppId: c.config.mp.appId ?? sandboxDefaults.mpAppId,
        wecomApiBase: c.config.wecom.apiBase ?? `${baseUrl()}${sandboxPrefixes.wecom}`,
        mpApiBase: c.config.mp.apiBase ?? `${baseUrl()}${sandboxPrefixes.wechat}`,
      }),
      onClockMoved: () => c.scheduler.runClockAdvanceJobs(),
      wecomTokens: tokens,
      wecomFaults: faults,
    }),
    routers: [
      wecomFakeRouter({ faults, state: new WecomFakeState(), outbox, ids: c.ids, now: () => clock.now(), wecomCorpId: w.corpId, corpId: async () => corpId, secrets, tokens, directory }, sandboxPrefixes.wecom),
      wechatFakeRouter(
        { appId: c.config.mp.appId ?? sandboxDefaults.mpAppId, secret: c.config.mp.secret ?? sandboxDefaults.mpSecret, tokens: wechatTokens, outbox, ids: c.ids, now: () => clock.now() },
        sandboxPrefixes.wechat,
      ),
    ],
  };
}
