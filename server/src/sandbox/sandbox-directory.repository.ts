import type { DataSource } from 'typeorm';
import { fromDbTime } from '../db/naming';
import type { FakeSeed } from './wecom-fake.state';

type Row = Record<string, unknown>;
const s = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const time = (v: unknown): Date => (v instanceof Date || typeof v === 'string' ? fromDbTime(v) : new Date(0));
const json = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  try {
    const parsed: unknown = JSON.parse(s(v));
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
};

/** What the fake WeCom tenant is seeded from: the sandbox corp's own tables. */
export class SandboxDirectoryRepository {
  constructor(private readonly ds: DataSource) {}

  async followUserIds(corpId: string): Promise<string[]> {
    const rows = await this.ds.query<{ u: string }[]>(
      "SELECT wecom_user_id AS u FROM staff_member WHERE corp_id = ? AND role IN ('agent', 'team_lead') AND status = 'active' ORDER BY wecom_user_id",
      [corpId],
    );
    return rows.map((r) => r.u);
  }

  /**
   * The corp as WeCom would know it: agents and team leads (active and left), every customer with
   * an external user id, their owner and every active follow as relationships (tagged with the
   * corp tags WeCom knows), the corp tag groups that have WeCom ids, and the channel codes' contact ways.
   */
  async seed(corpId: string): Promise<FakeSeed> {
    return {
      staff: await this.staff(corpId),
      ...(await this.customers(corpId, null)),
      tagGroups: await this.tagGroups(corpId),
      contactWays: await this.contactWays(corpId),
    };
  }

  /** One customer by external user id (with their relationships), or null when the database does not have them. */
  async seedOne(corpId: string, externalUserId: string): Promise<FakeSeed | null> {
    const found = await this.customers(corpId, externalUserId);
    if (found.contacts.length === 0) return null;
    return { staff: await this.staff(corpId), ...found, tagGroups: [], contactWays: [] };
  }

  private async staff(corpId: string): Promise<FakeSeed['staff']> {
    const rows = await this.ds.query<Row[]>(
      "SELECT wecom_user_id AS u, name, status FROM staff_member WHERE corp_id = ? AND role IN ('agent', 'team_lead') ORDER BY wecom_user_id",
      [corpId],
    );
    return rows.map((r) => ({ userId: s(r.u), name: s(r.name), active: s(r.status) === 'active' }));
  }

  private async customers(corpId: string, only: string | null): Promise<Pick<FakeSeed, 'contacts' | 'relationships'>> {
    const filter = only === null ? '' : ' AND i.value = ?';
    const params = only === null ? [corpId] : [corpId, only];
    const customers = await this.ds.query<Row[]>(
      `SELECT c.id, c.name, c.gender, c.created_at AS created, i.value AS ext, o.wecom_user_id AS owner
         FROM customer c
         JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid'
         LEFT JOIN staff_member o ON o.id = c.owner_staff_id
        WHERE c.corp_id = ? AND c.merged_into_id IS NULL${filter}
        ORDER BY i.value`,
      params,
    );
    if (customers.length === 0) return { contacts: [], relationships: [] };
    const ids = new Set(customers.map((c) => s(c.id)));
    const keep = (rows: Row[]): Row[] => rows.filter((r) => ids.has(s(r.cid)));
    const unionIds = new Map(keep(await this.ds.query<Row[]>("SELECT customer_id AS cid, value FROM customer_identity WHERE corp_id = ? AND kind = 'unionid'", [corpId])).map((r) => [s(r.cid), s(r.value)]));
    const follows = keep(
      await this.ds.query<Row[]>(
        "SELECT f.customer_id AS cid, s.wecom_user_id AS u, f.added_at AS added, f.state, f.remark FROM customer_follow f JOIN staff_member s ON s.id = f.staff_id WHERE f.corp_id = ? AND f.status = 'active'",
        [corpId],
      ),
    );
    const tagRows = keep(
      await this.ds.query<Row[]>('SELECT ct.customer_id AS cid, t.wecom_tag_id AS tag FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE t.corp_id = ? AND t.wecom_tag_id IS NOT NULL', [corpId]),
    );
    const tagsOf = new Map<string, string[]>();
    for (const r of tagRows) tagsOf.set(s(r.cid), [...(tagsOf.get(s(r.cid)) ?? []), s(r.tag)]);
    const extOf = new Map(customers.map((c) => [s(c.id), s(c.ext)]));

    const relationships: FakeSeed['relationships'] = [];
    for (const c of customers) {
      if (c.owner) relationships.push({ externalUserId: s(c.ext), userId: s(c.owner), addedAt: time(c.created), state: null, remark: null, tagIds: tagsOf.get(s(c.id)) ?? [] });
    }
    for (const f of follows) {
      relationships.push({ externalUserId: extOf.get(s(f.cid))!, userId: s(f.u), addedAt: time(f.added), state: s(f.state) || null, remark: s(f.remark) || null, tagIds: [] });
    }
    const gender = (g: unknown): 'male' | 'female' | 'unknown' => (g === 'male' || g === 'female' ? g : 'unknown');
    return {
      contacts: customers.map((c) => ({ externalUserId: s(c.ext), name: s(c.name), gender: gender(c.gender), unionId: unionIds.get(s(c.id)) ?? null })),
      relationships,
    };
  }

  private async tagGroups(corpId: string): Promise<FakeSeed['tagGroups']> {
    const groups = await this.ds.query<Row[]>('SELECT id, name, wecom_group_id AS wid, sort, created_at AS created FROM tag_group WHERE corp_id = ? AND wecom_group_id IS NOT NULL ORDER BY sort, name', [corpId]);
    const tags = await this.ds.query<Row[]>('SELECT group_id AS gid, name, wecom_tag_id AS wid, sort FROM tag WHERE corp_id = ? AND wecom_tag_id IS NOT NULL ORDER BY sort, name', [corpId]);
    return groups
      .map((g) => ({
        id: s(g.wid),
        name: s(g.name),
        order: Number(g.sort ?? 0),
        createdAt: time(g.created),
        tags: tags.filter((t) => s(t.gid) === s(g.id)).map((t) => ({ id: s(t.wid), name: s(t.name), order: Number(t.sort ?? 0) })),
      }))
      .filter((g) => g.tags.length > 0);
  }

  private async contactWays(corpId: string): Promise<FakeSeed['contactWays']> {
    const rows = await this.ds.query<Row[]>('SELECT wecom_config_id AS cid, state, agent_user_ids AS users, qr_code AS qr, created_at AS created FROM channel_code WHERE corp_id = ?', [corpId]);
    return rows.map((r) => ({ configId: s(r.cid), state: s(r.state), userIds: json(r.users), qrCode: s(r.qr), createdAt: time(r.created) }));
  }
}
