import { FakeAcquisition, acquisitionEndpoints } from './wecom-fake-acquisition';
import { FakeAgentAuth, authEndpoints } from './wecom-fake-auth';
import { FakeContacts, contactEndpoints } from './wecom-fake-contacts';
import { FakeGroups, groupEndpoints } from './wecom-fake-groups';
import { FakeHandovers, handoverEndpoints } from './wecom-fake-handovers';
import { FakeMassSends, messageEndpoints } from './wecom-fake-messages';
import { FakeCorpTags, tagEndpoints } from './wecom-fake-tags';
import type { FakeEndpoint } from './wecom-fake.endpoint';
import { FakeTenantData, type FakeSeed } from './wecom-fake.state';

export interface WecomFakeTenantDeps {
  now: () => Date;
  /** The sandbox database's view of the corp, read once on first use. */
  seed: () => Promise<FakeSeed>;
  /** One customer the tenant has not seen yet, if the database has them (added by a hand-made callback). */
  seedOne?: (externalUserId: string) => Promise<FakeSeed | null>;
}

/**
 * Tag groups that exist only in WeCom (an admin made them in the console), so a two-way tag sync
 * has something to import. Ids are fixed so tests and demos can name them.
 */
export const wecomOnlyTagGroups = [
  {
    id: 'etWecomOnlyLevelGroup000000001',
    name: '客户等级',
    tags: [
      { id: 'etWecomOnlyLevelVip0000000001', name: 'VIP' },
      { id: 'etWecomOnlyLevelNormal0000001', name: '普通' },
    ],
  },
  {
    id: 'etWecomOnlySourceGroup00000001',
    name: '来源',
    tags: [
      { id: 'etWecomOnlySourceReferral0001', name: '转介绍' },
      { id: 'etWecomOnlySourceOrganic00001', name: '自然流量' },
    ],
  },
] as const;

/**
 * An in-memory model of one corp's WeCom side for the sandbox: staff, customers and their
 * relationships, corp tags, customer groups, contact ways, acquisition links, mass sends,
 * handovers, tickets and OAuth codes. Seeded lazily from the sandbox database; the fake API
 * endpoints read and change it, and the simulator changes it the way WeCom users would.
 */
export class WecomFakeTenant {
  readonly data: FakeTenantData;
  readonly contacts: FakeContacts;
  readonly tags: FakeCorpTags;
  readonly acquisition: FakeAcquisition;
  readonly groups: FakeGroups;
  readonly messages: FakeMassSends;
  readonly handovers: FakeHandovers;
  readonly auth: FakeAgentAuth;
  private seeding: Promise<void> | undefined;

  constructor(private readonly deps: WecomFakeTenantDeps) {
    this.data = new FakeTenantData(deps.now, (externalUserId) => this.adopt(externalUserId));
    this.contacts = new FakeContacts(this.data);
    this.tags = new FakeCorpTags(this.data);
    this.acquisition = new FakeAcquisition(this.data);
    this.groups = new FakeGroups(this.data);
    this.messages = new FakeMassSends(this.data);
    this.handovers = new FakeHandovers(this.data);
    this.auth = new FakeAgentAuth(this.data);
  }

  /** Seeds the tenant on first use; every endpoint and simulation awaits it. */
  ready(): Promise<void> {
    this.seeding ??= (async () => {
      this.data.load(await this.deps.seed());
      this.addWecomOnlyTags();
    })().catch((error: unknown) => {
      this.seeding = undefined;
      throw error;
    });
    return this.seeding;
  }

  /** Every /cgi-bin endpoint the fake serves, by family. */
  endpoints(welcomed: (code: string, content: Record<string, unknown>) => Promise<void>): FakeEndpoint[] {
    return [
      ...contactEndpoints(this.data, this.contacts),
      ...tagEndpoints(this.tags),
      ...acquisitionEndpoints(this.data, this.acquisition, welcomed),
      ...groupEndpoints(this.data, this.groups),
      ...messageEndpoints(this.messages),
      ...handoverEndpoints(this.handovers),
      ...authEndpoints(this.auth),
    ];
  }

  /** Lets a test or a demo cap an agent's customers (a handover beyond it fails with customer_limit_exceed). */
  setCustomerLimit(userId: string, limit: number): void {
    this.data.staffMember(userId).customerLimit = limit;
  }

  private async adopt(externalUserId: string): Promise<void> {
    const one = await this.deps.seedOne?.(externalUserId);
    if (one && !this.data.contacts.has(externalUserId)) this.data.load({ ...one, staff: one.staff.filter((s) => !this.data.staff.has(s.userId)), tagGroups: [], contactWays: [] });
  }

  private addWecomOnlyTags(): void {
    const createdAt = new Date(this.deps.now().getTime() - 400 * 24 * 3600 * 1000);
    const fresh = wecomOnlyTagGroups.filter((g) => !this.data.tagGroupById(g.id));
    const order = this.data.tagGroups.length;
    this.data.load({
      staff: [],
      contacts: [],
      relationships: [],
      tagGroups: fresh.map((g, i) => ({ id: g.id, name: g.name, order: order + i, createdAt, tags: g.tags.map((t, j) => ({ id: t.id, name: t.name, order: j })) })),
      contactWays: [],
    });
    if (fresh.length === 0) return;
    // Some customers carry them already, as an admin would have tagged them in the client.
    const [vip, normal] = [wecomOnlyTagGroups[0].tags[0].id, wecomOnlyTagGroups[0].tags[1].id];
    const referral = wecomOnlyTagGroups[1].tags[0].id;
    [...this.data.relationships.values()]
      .sort((a, b) => a.externalUserId.localeCompare(b.externalUserId) || a.userId.localeCompare(b.userId))
      .forEach((r, i) => {
        if (i % 7 === 0) r.tagIds.push(vip);
        else if (i % 5 === 0) r.tagIds.push(normal);
        if (i % 11 === 0) r.tagIds.push(referral);
      });
  }
}
