import type { ActivityCard, FormField, MpActivityDetail, StaffActivity } from '@lodestar/shared';
import type { Activity } from './activity.entity';
import type { MpSignup } from './signup.entity';
import { seatsLeft } from './signup.plan';

/** An activity as the mini-program's list and detail show it, with the customer's own sign-up. */
export function activityCard(a: Activity, mine: MpSignup | null, position: number | null): ActivityCard {
  return {
    id: a.id,
    kind: a.kind,
    type: a.type,
    title: a.title,
    description: a.description,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    location: a.location,
    capacity: a.capacity,
    seatsLeft: seatsLeft({ capacity: a.capacity, seatsTaken: a.seatsTaken, waitlisted: a.waitlisted }),
    coverUrl: a.coverUrl,
    status: a.status,
    mySignup: mine ? { status: mine.status, ticketCode: mine.status === 'confirmed' || mine.status === 'attended' ? mine.ticketCode : null, position: mine.status === 'waitlisted' ? position : null } : null,
  };
}

/** The sign-up form of an offline activity: name, phone, companions, a note. */
export const signupForm: FormField[] = [
  { name: 'name', label: '姓名', type: 'text', required: true, max: 32 },
  { name: 'phone', label: '手机号', type: 'phone', required: false },
  { name: 'companions', label: '同行人数', type: 'number', required: false, max: 3 },
  { name: 'note', label: '备注', type: 'textarea', required: false, max: 200 },
];

export function activityDetail(a: Activity, mine: MpSignup | null, position: number | null, played: boolean): MpActivityDetail {
  const cfg = a.config ?? {};
  return {
    ...activityCard(a, mine, position),
    form: a.kind === 'offline' ? signupForm : [],
    ...(a.type === 'quiz' ? { quiz: (cfg.quiz ?? []).map((q) => ({ question: q.question, options: q.options })) } : {}),
    ...(a.type === 'lottery' ? { prizes: (cfg.prizes ?? []).map((p) => ({ name: p.name, points: p.points })) } : {}),
    ...(a.kind === 'online' ? { played } : {}),
  };
}

export function staffActivity(a: Activity): StaffActivity {
  const { mySignup: _mine, ...card } = activityCard(a, null, null);
  void _mine;
  const cfg = a.config ?? {};
  return {
    ...card,
    siteCode: a.siteCode,
    quiz: cfg.quiz ?? null,
    prizes: cfg.prizes ?? null,
    missWeight: cfg.missWeight ?? 0,
    quizPointsPerAnswer: cfg.quizPointsPerAnswer ?? 10,
    confirmed: a.seatsTaken,
    waitlisted: a.waitlisted,
  };
}
