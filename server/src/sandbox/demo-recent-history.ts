import type { IdGenerator } from '../platform/ids';
import { buildDemoActivities, type DemoActivities } from './demo-activities';
import { buildDemoCalls, type DemoCalls } from './demo-calls';
import { buildDemoChat, type DemoChat } from './demo-chat';
import type { DemoData } from './demo-data';
import { buildDemoJourneys, type DemoJourneys } from './demo-journeys';
import { buildDemoMiniapp, type DemoMiniapp } from './demo-miniapp';
import { buildDemoSop, type DemoSop } from './demo-sop';

/**
 * What the demo tenant did in the last 90 days (denser in the last 30), so every analytics card has
 * something to count on a fresh sandbox: the mini-program (members, check-ins, referrals,
 * assessments, activities), outbound calls, journeys with their agent tasks, 1:1 chats with their
 * key nodes and group SOP tasks.
 */
export interface DemoRecentHistory {
  miniapp: DemoMiniapp;
  activities: DemoActivities;
  calls: DemoCalls;
  journeys: DemoJourneys;
  chat: DemoChat;
  sop: DemoSop;
}

/**
 * Built after the rest of the demo, from its rows and the clock, each part from its own seed and
 * with ids drawn after everything else: the demo before it stays as it was. Pure: the same demo,
 * clock and seed give the same rows.
 */
export function buildDemoRecentHistory(data: DemoData, now: Date, ids: IdGenerator, seed = 20261123): DemoRecentHistory {
  const corpId = data.corp.id;
  const zone = data.corp.timezone;
  const lead = data.staff.find((s) => s.role === 'team_lead')?.id ?? null;
  const miniapp = buildDemoMiniapp({ corpId, zone, customers: data.customers, identities: data.identities, activityCounts: data.activityCounts, policies: data.policies, products: data.products, now, ids, seed: seed + 2 });
  const activities = buildDemoActivities({ corpId, zone, current: data.activities, customers: data.customers, members: miniapp.members, now, ids, seed: seed + 3 });
  const calls = buildDemoCalls({ ...data, now, ids, seed: seed + 4 });
  const journeys = buildDemoJourneys({ corpId, zone, customers: data.customers, publishedBy: lead, now, ids, seed: seed + 5 });
  const chat = buildDemoChat({ corpId, zone, staff: data.staff, customers: data.customers, identities: data.identities, follows: data.follows, now, ids, seed: seed + 6 });
  const sop = buildDemoSop({ corpId, zone, staff: data.staff, customers: data.customers, identities: data.identities, follows: data.follows, createdBy: lead, now, ids, seed: seed + 7 });
  return { miniapp, activities, calls, journeys, chat, sop };
}
