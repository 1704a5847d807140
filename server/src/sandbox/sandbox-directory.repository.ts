import type { DataSource } from 'typeorm';

/** What the fake WeCom directory answers from: the sandbox corp's own tables. */
export class SandboxDirectoryRepository {
  constructor(private readonly ds: DataSource) {}

  async followUserIds(corpId: string): Promise<string[]> {
    const rows = await this.ds.query<{ u: string }[]>(
      "SELECT wecom_user_id AS u FROM staff_member WHERE corp_id = ? AND role IN ('agent', 'team_lead') AND status = 'active' ORDER BY wecom_user_id",
      [corpId],
    );
    return rows.map((r) => r.u);
  }

  async externalUserIdsOf(corpId: string, wecomUserId: string): Promise<string[] | null> {
    const staff = await this.ds.query<{ id: string }[]>('SELECT id FROM staff_member WHERE corp_id = ? AND wecom_user_id = ?', [corpId, wecomUserId]);
    if (!staff[0]) return null;
    const rows = await this.ds.query<{ v: string }[]>(
      "SELECT i.value AS v FROM customer c JOIN customer_identity i ON i.customer_id = c.id AND i.kind = 'external_userid' WHERE c.owner_staff_id = ? ORDER BY i.value",
      [staff[0].id],
    );
    return rows.map((r) => r.v);
  }
}
