import { agentSecrets, str, type FakeEndpoint } from './wecom-fake.endpoint';
import { fakeId, refuse, type FakeTenantData } from './wecom-fake.state';

const codeLifetimeMs = 5 * 60 * 1000;

/** JS-SDK tickets and OAuth codes of the sidebar app. */
export class FakeAgentAuth {
  private readonly issued = { jsapi: 0, agent_config: 0 };
  private readonly codes = new Map<string, { userId: string | null; openId: string | null; expiresAt: number }>();

  constructor(private readonly d: FakeTenantData) {}

  /** A fresh ticket each call, counted: WeCom limits how many a corp and an app may fetch per hour. */
  issueTicket(kind: 'jsapi' | 'agent_config'): { ticket: string; expiresIn: number } {
    this.issued[kind] += 1;
    return { ticket: fakeId(kind === 'jsapi' ? 'sM4AOVdWfPE4DxkXGEs8V' : 'kgt8ON7yVITDhtdwci0qe', 86), expiresIn: 7200 };
  }

  ticketsIssued(kind: 'jsapi' | 'agent_config'): number {
    return this.issued[kind];
  }

  /** The code WeCom's OAuth page would hand the sidebar for this staff member (or, with `openId`, an outsider). */
  issueCode(who: { userId: string } | { openId: string }): string {
    if ('userId' in who) this.d.activeStaff(who.userId);
    const code = fakeId('', 40);
    this.codes.set(code, { userId: 'userId' in who ? who.userId : null, openId: 'openId' in who ? who.openId : null, expiresAt: this.d.now().getTime() + codeLifetimeMs });
    return code;
  }

  /** Single use, five minutes; 40029 otherwise. */
  redeem(code: string): { userId: string | null; openId: string | null } {
    const c = this.codes.get(code);
    this.codes.delete(code);
    if (!c || c.expiresAt <= this.d.now().getTime()) refuse(40029, 'invalid code');
    return { userId: c!.userId, openId: c!.openId };
  }
}

/** The sidebar app's endpoints: they need the app's secret (48002 with any other). */
export function authEndpoints(auth: FakeAgentAuth): FakeEndpoint[] {
  return [
    {
      method: 'get',
      path: '/get_jsapi_ticket',
      secrets: agentSecrets,
      handle: () => {
        const t = auth.issueTicket('jsapi');
        return { ticket: t.ticket, expires_in: t.expiresIn };
      },
    },
    {
      method: 'get',
      path: '/ticket/get',
      secrets: agentSecrets,
      handle: ({ query }) => {
        if (str(query, 'type') !== 'agent_config') refuse(40058, 'type must be agent_config');
        const t = auth.issueTicket('agent_config');
        return { ticket: t.ticket, expires_in: t.expiresIn };
      },
    },
    {
      method: 'get',
      path: '/auth/getuserinfo',
      secrets: agentSecrets,
      handle: ({ query }) => {
        const who = auth.redeem(str(query, 'code'));
        return who.userId ? { userid: who.userId, user_ticket: fakeId('', 40) } : { openid: who.openId };
      },
    },
  ];
}
