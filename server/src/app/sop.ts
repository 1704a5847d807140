import type { DataSource } from 'typeorm';
import type { SegmentService } from '../customers';
import type { AgentNotificationService } from '../leads';
import type { ComplianceService } from '../playbook';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import type { Logger } from '../platform/logger';
import { SopRepository, SopRunner, SopService } from '../sop';
import type { WecomApiPort } from '../wecom';

export interface SopParts {
  sops: SopService;
  sopRunner: SopRunner;
}

/** Group SOPs: plans, their runner (WeCom mass sends, sidebar tasks, results, reminders) and views. */
export function buildSop(i: { ds: DataSource; clock: Clock; ids: IdGenerator; logger: Logger; wecom: WecomApiPort; notifications: AgentNotificationService; compliance: ComplianceService; segments: SegmentService }): SopParts {
  const repo = new SopRepository(i.ds);
  const sops = new SopService({
    repo,
    clock: i.clock,
    ids: i.ids,
    compliance: async (corpId, text) => (await i.compliance.check(corpId, text)).map((h) => ({ name: h.name, match: h.match })),
    segmentExists: (corpId, segmentId) => i.segments.get(corpId, segmentId).then(
      () => true,
      () => false,
    ),
  });
  const sopRunner = new SopRunner({
    repo,
    wecom: i.wecom,
    notify: async (corpId, staffId, payload) => {
      await i.notifications.notify(corpId, staffId, 'sop.task', payload);
    },
    clock: i.clock,
    ids: i.ids,
    logger: i.logger.child({ component: 'sop' }),
  });
  return { sops, sopRunner };
}
