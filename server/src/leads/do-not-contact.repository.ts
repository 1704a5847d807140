import type { DataSource } from 'typeorm';
import { LeadMoveRecord } from './lead-move.entity';
import { LeadRecord } from './lead.entity';
import { DoNotContactRecord } from './seat-group.entity';

type Row = Record<string, unknown>;

/** Open leads a do-not-contact entry takes out of play: assigned ones stay with their agent. */
export const stoppableStatuses = ['calling', 'ready', 'pool'] as const;

/** The do-not-contact list (phone hashes), and what adding a number does to open leads. */
export class DoNotContactRepository {
  constructor(private readonly ds: DataSource) {}

  list(corpId: string): Promise<DoNotContactRecord[]> {
    return this.ds.getRepository(DoNotContactRecord).find({ where: { corpId }, order: { addedAt: 'DESC', phoneHash: 'ASC' } });
  }

  find(corpId: string, phoneHash: string): Promise<DoNotContactRecord | null> {
    return this.ds.getRepository(DoNotContactRecord).findOne({ where: { corpId, phoneHash } });
  }

  /** Adds the entry unless the number is listed already (then the first entry stays). */
  async add(row: DoNotContactRecord): Promise<void> {
    await this.ds.createQueryBuilder().insert().into(DoNotContactRecord).values(row).orIgnore().updateEntity(false).execute();
  }

  async remove(corpId: string, phoneHash: string): Promise<boolean> {
    const gone = await this.ds.getRepository(DoNotContactRecord).delete({ corpId, phoneHash });
    return Boolean(gone.affected);
  }

  /** A live customer's masked phone and phone hashes; null when the corp has no such customer. */
  async customerPhone(corpId: string, customerId: string): Promise<{ masked: string | null; hashes: string[] } | null> {
    const [c] = await this.ds.query<Row[]>('SELECT phone_masked FROM customer WHERE id = ? AND corp_id = ? AND merged_into_id IS NULL', [customerId, corpId]);
    if (!c) return null;
    const ids = await this.ds.query<Row[]>("SELECT value FROM customer_identity WHERE customer_id = ? AND corp_id = ? AND kind = 'phone_hash' ORDER BY created_at", [customerId, corpId]);
    return { masked: (c.phone_masked as string | null) ?? null, hashes: ids.map((r) => String(r.value)) };
  }

  /**
   * Rejects the open leads (calling, ready, pool) of every customer with this phone hash, each by a
   * conditional update so a lead that moved on meanwhile is left alone, with a `rejected` move.
   * Returns the ids of the leads rejected.
   */
  async rejectOpenLeads(corpId: string, phoneHash: string, at: Date, actor: string, reason: string, newId: () => string): Promise<string[]> {
    return this.ds.transaction(async (em) => {
      const open = await em.query<Row[]>(
        `SELECT l.id, l.customer_id FROM \`lead\` l JOIN customer_identity i ON i.customer_id = l.customer_id
          WHERE i.corp_id = ? AND i.kind = 'phone_hash' AND i.value = ? AND l.corp_id = ? AND l.status IN (${stoppableStatuses.map(() => '?').join(', ')})`,
        [corpId, phoneHash, corpId, ...stoppableStatuses],
      );
      const rejected: string[] = [];
      for (const l of open) {
        const id = String(l.id);
        const done = await em
          .createQueryBuilder()
          .update(LeadRecord)
          .set({ status: 'rejected', openKey: null, rejectReason: 'do_not_contact', closedAt: at, updatedAt: at })
          .where('id = :id AND status IN (:...statuses)', { id, statuses: [...stoppableStatuses] })
          .execute();
        if (!done.affected) continue;
        rejected.push(id);
        const move: LeadMoveRecord = { id: newId(), corpId, leadId: id, customerId: String(l.customer_id), kind: 'rejected', fromStaffId: null, toStaffId: null, ruleId: null, reason, actor, at };
        await em.createQueryBuilder().insert().into(LeadMoveRecord).values(move).updateEntity(false).execute();
      }
      return rejected;
    });
  }
}
