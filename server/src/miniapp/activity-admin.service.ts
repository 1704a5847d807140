import type { ActivityInput, ActivitySignups, AttendanceResult, StaffActivity, StaffActivityList, StaffActivityListQuery } from '@lodestar/shared';
import type { Clock } from '../platform/clock';
import { DomainError, forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/http/principal';
import type { IdGenerator } from '../platform/ids';
import type { Activity, ActivityConfig } from './activity.entity';
import type { MpActivityRepository } from './activity.repository';
import type { ActivityService } from './activity.service';
import { staffActivity } from './activity-view';
import type { MemberRepository } from './member.repository';
import { attendanceRefusal, ticketCodeOf } from './signup.plan';

export interface ActivityAdminDeps {
  repo: MpActivityRepository;
  members: MemberRepository;
  activities: ActivityService;
  /** Throws not_found unless the staff member may see the customer (customers/customer-scope.ts). */
  assertVisible: (p: Principal, customerId: string) => Promise<void>;
  clock: Clock;
  ids: IdGenerator;
}

/** The console's and the sidebar's side of activities: CRUD, the sign-up list with its funnel, and ticket scans. */
export class ActivityAdminService {
  constructor(private readonly d: ActivityAdminDeps) {}

  async list(p: Principal, q: StaffActivityListQuery): Promise<StaffActivityList> {
    return { items: (await this.d.repo.list(p.corpId, q)).map(staffActivity) };
  }

  async get(p: Principal, id: string): Promise<StaffActivity> {
    return staffActivity(await this.found(p.corpId, id));
  }

  async create(p: Principal, input: ActivityInput): Promise<StaffActivity> {
    const a: Activity = { id: this.d.ids.next(), corpId: p.corpId, ...fields(input), seatsTaken: 0, waitlisted: 0 };
    await this.d.repo.insert(a);
    return staffActivity(a);
  }

  /** Edits an activity; capacity cannot drop below the seats confirmed sign-ups hold. */
  async update(p: Principal, id: string, input: ActivityInput): Promise<StaffActivity> {
    const a = await this.found(p.corpId, id);
    if (input.capacity !== null && input.capacity < a.seatsTaken) throw new DomainError('conflict', `${a.seatsTaken} seats are taken: capacity cannot be lower`);
    const patch = fields(input);
    await this.d.repo.update(id, patch);
    return staffActivity({ ...a, ...patch });
  }

  /** The funnel (invited, viewed, booked, attended) and the sign-ups; an agent sees only their own customers' rows. */
  async signups(p: Principal, id: string): Promise<ActivitySignups> {
    const a = await this.found(p.corpId, id);
    const [counts, rows] = await Promise.all([this.d.repo.funnel(id), this.d.repo.signupsOfActivity(id)]);
    const positions = await this.d.repo.positions(rows);
    const names = await this.d.members.basics(rows.map((r) => r.customerId));
    const visible: typeof rows = [];
    for (const r of rows.slice(0, 1000)) {
      if (p.role === 'admin' || (await this.d.assertVisible(p, r.customerId).then(() => true, () => false))) visible.push(r);
    }
    return {
      activity: staffActivity(a),
      counts,
      items: visible.map((r) => ({
        customer: { id: r.customerId, name: names.get(r.customerId)?.name ?? r.name },
        status: r.status,
        ticketCode: r.ticketCode,
        position: positions.get(r.id) ?? null,
        companions: r.seats - 1,
        signedUpAt: r.signedUpAt.toISOString(),
        attendedAt: r.attendedAt?.toISOString() ?? null,
      })),
    };
  }

  /** An agent scans a ticket: only tickets of the activity, of customers the caller may see. */
  async attend(p: Principal, id: string, scanned: string): Promise<AttendanceResult> {
    const a = await this.found(p.corpId, id);
    const s = await this.d.repo.byTicket(ticketCodeOf(scanned));
    if (!s || s.activityId !== id) throw notFound('Ticket');
    try {
      await this.d.assertVisible(p, s.customerId);
    } catch {
      throw forbidden('This ticket belongs to another agent’s customer');
    }
    const now = this.d.clock.now();
    const refusal = attendanceRefusal(a, s.status, now);
    if (refusal) throw new DomainError('conflict', refusal);
    const moved = await this.d.repo.attend(s.id, now);
    if (moved) await this.d.activities.attended(p.corpId, s.customerId, a, s.id, now, { via: 'ticket', staff_id: p.id });
    const name = (await this.d.members.basics([s.customerId])).get(s.customerId)?.name ?? s.name;
    return { customer: { id: s.customerId, name }, status: 'attended', already: !moved };
  }

  private async found(corpId: string, id: string): Promise<Activity> {
    const a = await this.d.repo.get(corpId, id);
    if (!a) throw notFound('Activity');
    return a;
  }
}

function fields(i: ActivityInput): Omit<Activity, 'id' | 'corpId' | 'seatsTaken' | 'waitlisted'> {
  const config: ActivityConfig = {
    ...(i.quiz ? { quiz: i.quiz, quizPointsPerAnswer: i.quizPointsPerAnswer } : {}),
    ...(i.prizes ? { prizes: i.prizes, missWeight: i.missWeight } : {}),
  };
  return {
    kind: i.kind,
    type: i.type,
    title: i.title,
    description: i.description,
    startsAt: new Date(i.startsAt),
    endsAt: new Date(i.endsAt),
    location: i.location,
    capacity: i.capacity,
    status: i.status,
    coverUrl: i.coverUrl,
    siteCode: i.siteCode,
    config: Object.keys(config).length ? config : null,
  };
}
