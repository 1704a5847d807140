import type { LeadProductLine } from '@lodestar/shared';
import type { LeadMiningService, LeadRepository, LeadSourceService } from '../leads';

/** The lead source of the mini-program's leave-contact (留资) forms: a `lead_left` event names the line. */
export const miniappLeadSource = {
  name: '小程序留资 (mini-program)',
  enabled: true,
  productLine: 'critical_illness' as const,
  seatGroupId: null,
  definition: { kind: 'left_contact' as const, event: 'lead_left', withinDays: 7, productLineProperty: 'product_line' },
};

export interface LeadIntakeDeps {
  sources: LeadSourceService;
  mining: LeadMiningService;
  leads: LeadRepository;
}

/**
 * Turns a recorded `lead_left` event into a lead at once, through the leads domain's own source and
 * cleaning (duplicates, do-not-contact, reachability, seat groups, assignment): the corp's
 * "小程序留资" source is made on first use and mined for this customer only.
 */
export class LeadIntake {
  private readonly known = new Set<string>();
  constructor(private readonly d: LeadIntakeDeps) {}

  async leadFor(corpId: string, customerId: string, line: LeadProductLine): Promise<string | null> {
    await this.ensureSource(corpId);
    await this.d.mining.mineCustomers(corpId, [customerId]);
    const open = await this.d.leads.list({ kind: 'corp', corpId }, { customerId, productLine: line, open: 'true', limit: 1, offset: 0 });
    return open.items[0]?.id ?? null;
  }

  private async ensureSource(corpId: string): Promise<void> {
    if (this.known.has(corpId)) return;
    const sources = await this.d.sources.list(corpId);
    if (!sources.some((s) => s.definition.kind === 'left_contact' && s.definition.event === 'lead_left')) await this.d.sources.create(corpId, miniappLeadSource);
    this.known.add(corpId);
  }
}
