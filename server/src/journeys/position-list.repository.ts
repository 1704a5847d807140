import type { DataSource } from 'typeorm';
import type { JourneyPosition, PositionStatus } from '@lodestar/shared';
import { fromDbTime } from '../db/naming';

export interface PositionFilter {
  status?: PositionStatus;
  stepId?: string;
  customerId?: string;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;
const time = (v: unknown): string | null => (v === null || v === undefined ? null : fromDbTime(v as Date | string).toISOString());

/** Who is where in a journey, for the console: a page of positions with the customer's name and version. */
export class PositionListRepository {
  constructor(private readonly ds: DataSource) {}

  async list(journeyId: string, f: PositionFilter): Promise<{ items: JourneyPosition[]; total: number }> {
    const where = ['p.journey_id = ?'];
    const params: unknown[] = [journeyId];
    if (f.status) {
      where.push('p.status = ?');
      params.push(f.status);
    }
    if (f.stepId) {
      where.push('p.step_id = ?');
      params.push(f.stepId);
    }
    if (f.customerId) {
      where.push('p.customer_id = ?');
      params.push(f.customerId);
    }
    const cond = where.join(' AND ');
    const [count] = (await this.ds.query(`SELECT COUNT(*) AS n FROM journey_position p WHERE ${cond}`, params)) as Array<{ n: number | string }>;
    const rows = (await this.ds.query(
      `SELECT p.id, p.journey_id, v.version, p.customer_id, c.name AS customer_name, p.instance_key, p.step_id, p.status, p.wake_at, p.wait_event, p.parked_reason, p.entered_at, p.converted_at
         FROM journey_position p JOIN journey_version v ON v.id = p.version_id LEFT JOIN customer c ON c.id = p.customer_id
        WHERE ${cond} ORDER BY p.entered_at DESC, p.id LIMIT ${Math.trunc(f.limit)} OFFSET ${Math.trunc(f.offset)}`,
      params,
    )) as Row[];
    return {
      total: Number(count!.n),
      items: rows.map((r) => ({
        id: r.id as string,
        journeyId: r.journey_id as string,
        version: Number(r.version),
        customerId: r.customer_id as string,
        customerName: (r.customer_name as string | null) ?? null,
        instanceKey: r.instance_key as string,
        stepId: r.step_id as string,
        status: r.status as PositionStatus,
        // A leased row's wake time is its lease's end, not a wake-up: show none while it runs.
        wakeAt: r.status === 'waiting' ? time(r.wake_at) : null,
        waitingFor: r.status === 'waiting' ? ((r.wait_event as string | null) ?? null) : null,
        parkedReason: (r.parked_reason as string | null) ?? null,
        enteredAt: time(r.entered_at)!,
        convertedAt: time(r.converted_at),
      })),
    };
  }

  /** The journeys a customer is still in (active, waiting or parked), with the current step's name, for the customer view. */
  async activeFor(customerId: string): Promise<Array<{ journeyId: string; name: string; step: string }>> {
    const rows = (await this.ds.query(
      `SELECT p.journey_id, j.name, p.step_id, v.definition
         FROM journey_position p JOIN journey j ON j.id = p.journey_id JOIN journey_version v ON v.id = p.version_id
        WHERE p.customer_id = ? AND p.status IN ('active', 'waiting', 'parked') ORDER BY p.entered_at DESC, p.id LIMIT 20`,
      [customerId],
    )) as Row[];
    return rows.map((r) => ({ journeyId: r.journey_id as string, name: r.name as string, step: stepName(r.definition as string, r.step_id as string) }));
  }
}

/** A step's name in a stored definition; its id when the definition does not name it. */
function stepName(definition: string, stepId: string): string {
  try {
    const steps = (JSON.parse(definition) as { steps?: Array<{ id?: string; name?: string }> }).steps ?? [];
    return steps.find((s) => s.id === stepId)?.name ?? stepId;
  } catch {
    return stepId;
  }
}
