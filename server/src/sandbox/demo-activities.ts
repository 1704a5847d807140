import { createHash } from 'node:crypto';
import type { Customer } from '../customers';
import type { Activity } from '../miniapp';
import type { IdGenerator } from '../platform/ids';
import { demoPrizes, demoQuiz } from './demo-catalog';
import type { DemoMember, DemoPoints } from './demo-miniapp';
import { DAY_MS, HOUR_MS, MINUTE_MS, after, dayMinutes, demoCalendar, earlier, localAt, type DemoCalendar } from './demo-time';
import { Prng } from './prng';

/** Rows of mp_signup. */
export interface DemoSignup {
  id: string;
  corpId: string;
  activityId: string;
  customerId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled' | 'attended';
  seats: number;
  ticketCode: string | null;
  name: string;
  phoneCipher: string | null;
  phoneMasked: string | null;
  note: string | null;
  inviter: string | null;
  requestId: string;
  signedUpAt: Date;
  queuedAt: Date;
  confirmedAt: Date | null;
  attendedAt: Date | null;
  cancelledAt: Date | null;
  updatedAt: Date;
}

/** Rows of mp_activity_view: who opened an activity, through whose invitation. */
export interface DemoActivityView {
  activityId: string;
  customerId: string;
  corpId: string;
  inviter: string | null;
  views: number;
  firstAt: Date;
  lastAt: Date;
}

/** Rows of mp_play: an online activity played once. */
export interface DemoPlay {
  activityId: string;
  customerId: string;
  corpId: string;
  result: { kind: 'lottery'; prize: { name: string; points: number } | null; pointsAwarded: number; already: false } | { kind: 'quiz'; score: number; total: number; pointsAwarded: number; already: false };
  at: Date;
}

export interface DemoActivities {
  /** Past activities (closed). */
  activities: Activity[];
  /** The catalogue's current activities, with the seats the sign-ups so far hold. */
  current: Activity[];
  signups: DemoSignup[];
  views: DemoActivityView[];
  plays: DemoPlay[];
  points: DemoPoints[];
}

export interface DemoActivitiesInput {
  corpId: string;
  /** The catalogue's activities (demo-catalog.ts): the upcoming offline ones are open for sign-up. */
  current: readonly Activity[];
  zone: string;
  customers: readonly Customer[];
  members: readonly DemoMember[];
  now: Date;
  ids: IdGenerator;
  seed: number;
}

/** Offline events of the last 90 days (days ago, local 14:00), denser lately, and their content. */
const offlineEvents: ReadonlyArray<{ ago: number; type: 'seminar' | 'health_talk'; title: string; location: string; capacity: number }> = [
  { ago: 85, type: 'health_talk', title: '中医养生讲座：秋冬进补', location: '上海市静安区南京西路1266号 8楼会议室', capacity: 60 },
  { ago: 71, type: 'seminar', title: '家庭保障规划沙龙', location: '杭州市西湖区文三路90号 3楼', capacity: 50 },
  { ago: 57, type: 'health_talk', title: '三甲医生讲座：体检报告怎么看', location: '南京市鼓楼区中山北路30号 5楼报告厅', capacity: 100 },
  { ago: 43, type: 'seminar', title: '养老金与年金规划分享会', location: '北京市朝阳区建国路88号 5楼', capacity: 80 },
  { ago: 34, type: 'health_talk', title: '儿童常见病预防与家庭急救', location: '深圳市福田区深南大道6008号 2楼', capacity: 60 },
  { ago: 27, type: 'seminar', title: '高净值家庭财富传承沙龙', location: '上海市浦东新区世纪大道100号 12楼报告厅', capacity: 40 },
  { ago: 20, type: 'health_talk', title: '心脑血管健康讲座', location: '广州市天河区珠江新城华夏路8号 3楼多功能厅', capacity: 120 },
  { ago: 13, type: 'seminar', title: '重疾险理赔案例分享会', location: '成都市锦江区红星路三段1号 6楼', capacity: 60 },
  { ago: 6, type: 'health_talk', title: '女性健康与乳腺早筛讲座', location: '武汉市江汉区建设大道568号 4楼', capacity: 80 },
  { ago: 2, type: 'seminar', title: '子女教育金规划分享会（第二期）', location: '苏州市工业园区苏州大道东265号 9楼', capacity: 50 },
];

/** Weekly online activities before the catalogue's current ones: started 7, 14, … 84 days ago, a week each (the last one ends now, as the current ones begin). */
const onlineWeeks = 12;

/** Share of members who sign up to one offline event (before seats run out), and to one still open (sign-ups of the last 10 days). */
const signupShare = { min: 0.035, max: 0.06 };
const openSignupShare = { min: 0.015, max: 0.03 };
/** Sign-ups that came through an invitation (an agent's or a friend's share). */
const invitedShare = 0.6;
/** Invited customers who opened the invitation without signing up, per invited sign-up. */
const invitedBrowsers = 0.3;
const cancelShare = 0.07;
const attendShare = { invited: 0.68, walkIn: 0.58 };
/** Members who played one weekly online activity: recent weeks draw more. */
const playShare = { recent: 0.14, older: 0.08 };

/** A ticket code in the mini-program's form (10 characters without 0/O/1/I). */
export function demoTicketCode(signupId: string): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = createHash('sha256').update(`ticket:${signupId}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/**
 * Activities of the last 90 days, closed now: offline events with sign-ups (seats, a waitlist once
 * full, cancellations, no-shows and attendance at the door), the invitations customers opened
 * (agents invite their own customers; friends share their referral code), and weekly online quizzes
 * and lotteries members played, with the points they won. The catalogue's upcoming events have had
 * sign-ups in the last ten days. Every attended sign-up held a seat; each activity's seat counters
 * agree with its sign-ups.
 */
export function buildDemoActivities(input: DemoActivitiesInput): DemoActivities {
  const rnd = new Prng(input.seed);
  const cal = demoCalendar(input.now, input.zone);
  const id = (): string => input.ids.next();
  const out: DemoActivities = { activities: [], current: [], signups: [], views: [], plays: [], points: [] };
  const customer = new Map(input.customers.map((c) => [c.id, c]));
  const members = [...input.members].sort((a, b) => (a.customerId < b.customerId ? -1 : 1));
  offlineEvents.forEach((e, n) => {
    const startsAt = localAt(cal, e.ago, 14 * 60);
    if (startsAt.getTime() + 3 * HOUR_MS > cal.now.getTime()) return;
    const activity: Activity = {
      id: id(),
      corpId: input.corpId,
      kind: 'offline',
      type: e.type,
      title: e.title,
      description: e.type === 'health_talk' ? '三甲医院专家现场讲解，并提供免费咨询。' : '资深规划师分享案例，现场答疑。',
      startsAt,
      endsAt: after(startsAt, 2 * HOUR_MS + 30 * MINUTE_MS),
      location: e.location,
      capacity: e.capacity,
      status: 'closed',
      seatsTaken: 0,
      waitlisted: 0,
      coverUrl: null,
      siteCode: `SITE-H${String(n + 1).padStart(2, '0')}`,
      config: null,
    };
    out.activities.push(activity);
    offlineSignups(activity, e.ago, signupShare, members, customer, rnd, cal, id, out);
  });
  for (const a of input.current) {
    const open = a.kind === 'offline' && a.startsAt.getTime() > cal.now.getTime();
    const copy = { ...a, seatsTaken: 0, waitlisted: 0 };
    out.current.push(copy);
    if (open) offlineSignups(copy, -1, openSignupShare, members, customer, rnd, cal, id, out);
  }
  for (let w = onlineWeeks; w >= 1; w--) {
    const ago = 7 * w;
    const quiz = w % 2 === 0;
    const startsAt = localAt(cal, ago, 10 * 60);
    const activity: Activity = {
      id: id(),
      corpId: input.corpId,
      kind: 'online',
      type: quiz ? 'quiz' : 'lottery',
      title: quiz ? `保险知识周周答（第${onlineWeeks - w + 1}期）` : `周末幸运抽奖（第${onlineWeeks - w + 1}期）`,
      description: quiz ? '5道题测一测你的保障知识，答对一题得10积分。' : '每人一次抽奖机会，奖品含体检卡、出行礼包和积分。',
      startsAt,
      endsAt: earlier(after(startsAt, 7 * DAY_MS), cal.now),
      location: null,
      capacity: null,
      status: 'closed',
      seatsTaken: 0,
      waitlisted: 0,
      coverUrl: null,
      siteCode: null,
      config: quiz ? { quiz: [...demoQuiz], quizPointsPerAnswer: 10 } : { prizes: [...demoPrizes], missWeight: 57 },
    };
    out.activities.push(activity);
    const share = ago < 30 ? playShare.recent : playShare.older;
    for (const m of members) {
      if (!rnd.chance(share)) continue;
      const at = new Date(startsAt.getTime() + Math.floor(rnd.next() * (earlier(activity.endsAt, cal.now).getTime() - startsAt.getTime())));
      if (at.getTime() < m.joinedAt.getTime()) continue;
      const result = quiz ? quizResult(rnd) : lotteryResult(rnd);
      out.plays.push({ activityId: activity.id, customerId: m.customerId, corpId: input.corpId, result, at });
      if (result.pointsAwarded > 0) {
        out.points.push({ id: id(), corpId: input.corpId, customerId: m.customerId, delta: result.pointsAwarded, reason: result.kind, ref: activity.id, idemKey: `${result.kind}:${activity.id}:${m.customerId}`, at });
      }
    }
  }
  return out;
}

function quizResult(rnd: Prng): DemoPlay['result'] {
  const total = demoQuiz.length;
  const score = rnd.weighted([[total, 30], [total - 1, 35], [total - 2, 20], [total - 3, 15]] as const);
  return { kind: 'quiz', score, total, pointsAwarded: score * 10, already: false };
}

function lotteryResult(rnd: Prng): DemoPlay['result'] {
  const missWeight = 57;
  const prize = rnd.weighted<{ name: string; points: number } | null>([...demoPrizes.map((p) => [{ name: p.name, points: p.points }, p.weight] as const), [null, missWeight] as const]);
  return { kind: 'lottery', prize, pointsAwarded: prize?.points ?? 0, already: false };
}

/**
 * Sign-ups to one offline event, with the views they came through. `ago` is the event's day (days
 * ago); an event still ahead (ago < 0) takes sign-ups from the last ten days, and nobody has
 * attended it yet.
 */
function offlineSignups(activity: Activity, ago: number, share: { min: number; max: number }, members: readonly DemoMember[], customer: ReadonlyMap<string, Customer>, rnd: Prng, cal: DemoCalendar, id: () => string, out: DemoActivities): void {
  const startsAt = activity.startsAt;
  const ahead = ago < 0;
  const opened = ahead ? cal.now.getTime() - 10 * DAY_MS : startsAt.getTime() - DAY_MS;
  const eligible = members.filter((m) => m.joinedAt.getTime() < opened);
  const wanted = Math.max(2, Math.round(eligible.length * (share.min + rnd.next() * (share.max - share.min))));
  const chosen = rnd.sample(eligible, wanted + Math.round(wanted * invitedShare * invitedBrowsers));
  const inviterOf = (c: Customer): string | null => {
    if (c.ownerStaffId && rnd.chance(0.8)) return c.ownerStaffId;
    const friend = rnd.pick(members);
    return friend.customerId === c.id ? null : friend.referralCode;
  };
  const signed: DemoSignup[] = [];
  chosen.forEach((m, k) => {
    const c = customer.get(m.customerId)!;
    const signs = k < wanted;
    const invited = signs ? rnd.chance(invitedShare) : true;
    const inviter = invited ? inviterOf(c) : null;
    // Between joining the mini-program (a day or more before the event) and an hour before it starts.
    const drawn = localAt(cal, ahead ? rnd.int(0, 9) : ago + rnd.int(1, 14), dayMinutes(rnd));
    const signedUpAt = earlier(new Date(Math.max(drawn.getTime(), m.joinedAt.getTime() + rnd.int(10, 600) * MINUTE_MS)), new Date(Math.min(startsAt.getTime() - HOUR_MS, cal.now.getTime())));
    const firstAt = new Date(Math.max(m.joinedAt.getTime(), signedUpAt.getTime() - rnd.int(2, 600) * MINUTE_MS));
    const views = rnd.weighted([[1, 60], [2, 28], [3, 12]] as const);
    out.views.push({ activityId: activity.id, customerId: c.id, corpId: activity.corpId, inviter, views, firstAt, lastAt: views > 1 ? new Date(firstAt.getTime() + rnd.int(1, 300) * MINUTE_MS) : firstAt });
    if (!signs) return;
    const signupId = id();
    signed.push({
      id: signupId,
      corpId: activity.corpId,
      activityId: activity.id,
      customerId: c.id,
      status: 'confirmed',
      seats: rnd.weighted([[1, 75], [2, 20], [3, 5]] as const),
      ticketCode: null,
      name: c.name,
      phoneCipher: c.phoneCipher,
      phoneMasked: c.phoneMasked,
      note: null,
      inviter,
      requestId: `demo-${signupId}`,
      signedUpAt,
      queuedAt: signedUpAt,
      confirmedAt: null,
      attendedAt: null,
      cancelledAt: null,
      updatedAt: signedUpAt,
    });
  });
  // Seats in sign-up order: once full, later sign-ups wait (cancellations before the day free nothing here: the demo keeps it simple).
  let taken = 0;
  let waiting = 0;
  for (const s of signed.sort((a, b) => a.signedUpAt.getTime() - b.signedUpAt.getTime() || (a.id < b.id ? -1 : 1))) {
    if (activity.capacity !== null && (waiting > 0 || taken + s.seats > activity.capacity)) {
      s.status = 'waitlisted';
      waiting += 1;
    } else if (rnd.chance(cancelShare)) {
      s.status = 'cancelled';
      s.ticketCode = demoTicketCode(s.id);
      s.confirmedAt = s.signedUpAt;
      s.cancelledAt = new Date(s.signedUpAt.getTime() + Math.floor(rnd.next() * (Math.min(startsAt.getTime(), cal.now.getTime()) - s.signedUpAt.getTime())));
      s.updatedAt = s.cancelledAt;
    } else {
      taken += s.seats;
      s.ticketCode = demoTicketCode(s.id);
      s.confirmedAt = s.signedUpAt;
      if (!ahead && rnd.chance(s.inviter ? attendShare.invited : attendShare.walkIn)) {
        s.status = 'attended';
        s.attendedAt = earlier(new Date(startsAt.getTime() + rnd.int(-30, 40) * MINUTE_MS), cal.now);
        s.updatedAt = s.attendedAt;
      }
    }
    out.signups.push(s);
  }
  activity.seatsTaken = taken;
  activity.waitlisted = waiting;
}
