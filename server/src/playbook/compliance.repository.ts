import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { chunk } from '../db/sql-lists';
import { ComplianceAlertRow } from './compliance-alert.entity';
import { ComplianceRuleRow } from './compliance-rule.entity';

/** Compliance rules and the alerts they raised. */
export class ComplianceRepository {
  constructor(private readonly ds: DataSource) {}

  /** Inserts rules whose name the corp does not have yet. */
  async insertMissing(rows: readonly ComplianceRuleRow[]): Promise<void> {
    for (const part of chunk(rows, 100)) await this.ds.createQueryBuilder().insert().into(ComplianceRuleRow).values(part).orIgnore().execute();
  }

  rules(corpId: string, enabledOnly = false): Promise<ComplianceRuleRow[]> {
    return this.ds.getRepository(ComplianceRuleRow).find({ where: enabledOnly ? { corpId, enabled: true } : { corpId }, order: { builtin: 'DESC', name: 'ASC' } });
  }

  rule(corpId: string, by: { id: string } | { name: string }): Promise<ComplianceRuleRow | null> {
    return this.ds.getRepository(ComplianceRuleRow).findOneBy({ corpId, ...by });
  }

  async saveRule(row: ComplianceRuleRow): Promise<void> {
    await this.ds.getRepository(ComplianceRuleRow).save(row);
  }

  async deleteRule(id: string): Promise<void> {
    await this.ds.getRepository(ComplianceRuleRow).delete({ id });
  }

  /** Inserts alerts, one per (message, rule); returns the ones this call stored. */
  async insertAlerts(rows: readonly ComplianceAlertRow[]): Promise<ComplianceAlertRow[]> {
    if (!rows.length) return [];
    await this.ds.createQueryBuilder().insert().into(ComplianceAlertRow).values([...rows]).orIgnore().execute();
    return this.ds.getRepository(ComplianceAlertRow).findBy({ id: In(rows.map((r) => r.id)) });
  }

  alerts(corpId: string, teamId: string | undefined, status: 'open' | 'acknowledged' | 'all', limit: number): Promise<ComplianceAlertRow[]> {
    return this.ds.getRepository(ComplianceAlertRow).find({
      where: { corpId, ...(teamId !== undefined ? { teamId } : {}), ...(status === 'all' ? {} : { status }) },
      order: { at: 'DESC' },
      take: limit,
    });
  }

  openAlerts(corpId: string, teamId: string | undefined): Promise<number> {
    return this.ds.getRepository(ComplianceAlertRow).countBy({ corpId, ...(teamId !== undefined ? { teamId } : {}), status: 'open' });
  }

  alert(corpId: string, id: string): Promise<ComplianceAlertRow | null> {
    return this.ds.getRepository(ComplianceAlertRow).findOneBy({ corpId, id });
  }

  async acknowledge(id: string, by: string, at: Date): Promise<void> {
    await this.ds.getRepository(ComplianceAlertRow).update({ id }, { status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: at });
  }
}
