import type Router from '@koa/router';
import { sandboxDefaults } from '../platform/config';
import type { AnyRoute } from '../platform/http/route';
import { CallbackDriver, signedCallback } from '../sandbox/callback-driver';
import { FakeTokenIssuer } from '../sandbox/fake-token-issuer';
import { OutboxRepository } from '../sandbox/outbox.repository';
import { SandboxDirectoryRepository } from '../sandbox/sandbox-directory.repository';
import { sandboxRoutes } from '../sandbox/sandbox.router';
import { fakeCallbackXml } from '../sandbox/wecom-fake.callbacks';
import { wechatFakeRouter } from '../sandbox/wechat-fake.router';
import { smsFakeRouter } from '../sandbox/sms-fake.router';
import { WecomFakeTenant } from '../sandbox/wecom-fake-tenant';
import { WecomFaults, wecomFakeRouter } from '../sandbox/wecom-fake.router';
import { WecomSimulator } from '../sandbox/wecom-fake.simulator';
import type { Container } from './container';

export const sandboxPrefixes = { wecom: '/sandbox/wecom', wechat: '/sandbox/wechat', sms: '/sandbox/sms' } as const;

export interface SandboxParts {
  routes: AnyRoute[];
  routers: Router[];
  /** The fake WeCom tenant the sandbox runs (tests act on it directly); absent with a real tenant. */
  wecomTenant?: WecomFakeTenant;
}

/** The sandbox's fake WeCom and WeChat servers and its control API, wired to the container. */
export function sandboxParts(c: Container, corpId: string, baseUrl: () => string): SandboxParts {
  if (!c.config.sandbox || !c.sandboxClock) return { routes: [], routers: [] };
  const clock = c.sandboxClock;
  const now = (): Date => clock.now();
  const outbox = new OutboxRepository(c.ds);
  const tokens = new FakeTokenIssuer(() => clock.now().getTime());
  const wechatTokens = new FakeTokenIssuer(() => clock.now().getTime());
  const faults = new WecomFaults();
  const w = c.config.wecom;
  const directory = new SandboxDirectoryRepository(c.ds);
  const tenant = new WecomFakeTenant({ now, seed: () => directory.seed(corpId), seedOne: (externalUserId) => directory.seedOne(corpId, externalUserId) });
  const callbackTenant = { corpId: w.corpId, token: w.callbackToken, aesKey: w.callbackAesKey };
  const simulator = new WecomSimulator({
    tenant,
    wecomCorpId: w.corpId,
    now,
    deliver: (xml) => new CallbackDriver(baseUrl(), callbackTenant, now).post(signedCallback(callbackTenant, xml, now())),
    recordMassSend: (recipient, content) => outbox.add({ id: c.ids.next(), channel: 'wecom_mass', recipient, customerId: null, content, sentAt: now() }),
  });
  // The sandbox archive tells the server of new messages as WeCom does: a signed msgaudit_notify callback.
  // WeCom spaces these at least 15 s apart; the sandbox may append several times a second, and the
  // inbox drops a callback identical to one it has, so each notify gets a later CreateTime.
  let lastNotify = 0;
  c.hooks.archiveNotify = async () => {
    lastNotify = Math.max(lastNotify + 1, Math.floor(now().getTime() / 1000));
    const xml = fakeCallbackXml(w.corpId, { CreateTime: lastNotify, Event: 'msgaudit_notify', AgentID: c.config.wecom.agentId ?? 0 });
    await new CallbackDriver(baseUrl(), callbackTenant, now).post(signedCallback(callbackTenant, xml, now()));
  };
  return {
    wecomTenant: tenant,
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
      onClockMoved: async () => {
        await c.scheduler.runClockAdvanceJobs();
        // What the jobs set in motion (journeys enrolled, customers woken) runs now too.
        await c.journeyRunner.drain();
      },
      wecomTokens: tokens,
      wecomFaults: faults,
      simulate: (req) => simulator.run(req),
      archive: (messages) => c.sandboxArchive!.append(messages),
    }),
    routers: [
      wecomFakeRouter(
        {
          faults,
          tenant,
          wecomCorpId: w.corpId,
          secrets: { contact: w.contactSecret, agent: w.agentSecret, archive: w.archiveSecret },
          tokens,
          welcomed: (code, content) => outbox.add({ id: c.ids.next(), channel: 'wecom_welcome', recipient: code, customerId: null, content, sentAt: now() }),
        },
        sandboxPrefixes.wecom,
      ),
      wechatFakeRouter(
        { appId: c.config.mp.appId ?? sandboxDefaults.mpAppId, secret: c.config.mp.secret ?? sandboxDefaults.mpSecret, tokens: wechatTokens, outbox, ids: c.ids, now },
        sandboxPrefixes.wechat,
      ),
      smsFakeRouter({ apiKey: c.config.sms.apiKey ?? sandboxDefaults.smsApiKey, outbox, now }, sandboxPrefixes.sms),
    ],
  };
}
