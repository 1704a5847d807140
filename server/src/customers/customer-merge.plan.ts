import { journeyStages, type JourneyStage, type TagSource } from '@lodestar/shared';

/**
 * What happens to two or more customer records that turn out to be one person: which one
 * survives, which columns it ends with, and how rows that cannot simply be re-pointed (tags,
 * daily counters, streaks, segment memberships, agent relationships) are folded together.
 * Pure: the repository loads the rows, asks these functions and applies the answer.
 */

export interface MergeCandidate {
  id: string;
  createdAt: Date;
  /** Has a WeCom external_userid: the customer an agent knows and talks to. */
  hasExternalUserId: boolean;
  ownerStaffId: string | null;
  /** Informational (the repository fills it); more identities do not make a record "more real". */
  identityCount: number;
  policyCount: number;
}

/**
 * The record the others fold into: the one with a WeCom relationship first, then the one with
 * an owner, then the one with policies, then the oldest, then the smallest id. The same answer
 * whatever the order of the candidates.
 */
export function pickSurvivor(candidates: readonly MergeCandidate[]): string {
  if (candidates.length === 0) throw new Error('no merge candidates');
  return [...candidates].sort(compareCandidates)[0]!.id;
}

function compareCandidates(a: MergeCandidate, b: MergeCandidate): number {
  return (
    Number(b.hasExternalUserId) - Number(a.hasExternalUserId) ||
    Number(b.ownerStaffId !== null) - Number(a.ownerStaffId !== null) ||
    Number(b.policyCount > 0) - Number(a.policyCount > 0) ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    compareIds(a.id, b.id)
  );
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The customer columns a merge decides, plus the record's identity values (to spot placeholder names). */
export interface MergeableCustomer {
  id: string;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  birthDate: string | null;
  city: string | null;
  timezone: string | null;
  ownerStaffId: string | null;
  stage: JourneyStage;
  stageChangedAt: Date | null;
  archiveConsent: boolean;
  phoneCipher: string | null;
  phoneMasked: string | null;
  /** JSON object text, or null. */
  profile: string | null;
  createdAt: Date;
  identityValues: readonly string[];
}

export type MergedCustomerFields = Omit<MergeableCustomer, 'id' | 'identityValues'>;

/** Names given to a record before anyone knew who it was: "访客 3f2a", or an identifier copied into the name. */
export function isPlaceholderName(name: string, identityValues: ReadonlySet<string>): boolean {
  const trimmed = name.trim();
  return trimmed === '' || trimmed.startsWith('访客') || identityValues.has(trimmed);
}

/**
 * The columns the survivor ends with. The survivor's value wins wherever it has one; otherwise
 * the losers' are taken oldest first (so the answer does not depend on the order they came in).
 * The stage is the furthest along, archive consent is kept if anyone gave it, the profile is
 * merged key by key (survivor first), and the record is as old as the oldest of them.
 */
export function mergeCustomerFields(survivor: MergeableCustomer, losers: readonly MergeableCustomer[]): MergedCustomerFields {
  const others = [...losers].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compareIds(a.id, b.id));
  const all = [survivor, ...others];
  const identityValues = new Set(all.flatMap((c) => c.identityValues));
  const first = <T>(pick: (c: MergeableCustomer) => T | null, usable: (v: T) => boolean = () => true): T | null => {
    for (const c of all) {
      const v = pick(c);
      if (v !== null && usable(v)) return v;
    }
    return null;
  };

  const named = all.find((c) => !isPlaceholderName(c.name, identityValues));
  // The furthest stage; on a tie the survivor's record (first in `all`) keeps its own change time.
  let staged = survivor;
  for (const c of others) if (journeyStages.indexOf(c.stage) > journeyStages.indexOf(staged.stage)) staged = c;
  const phoned = all.find((c) => c.phoneCipher !== null) ?? survivor;

  return {
    name: (named ?? survivor).name,
    gender: first((c) => c.gender, (g) => g !== 'unknown') ?? 'unknown',
    birthDate: first((c) => c.birthDate),
    city: first((c) => c.city, (v) => v.trim() !== ''),
    timezone: first((c) => c.timezone, (v) => v.trim() !== ''),
    ownerStaffId: first((c) => c.ownerStaffId),
    stage: staged.stage,
    stageChangedAt: staged.stageChangedAt,
    archiveConsent: all.some((c) => c.archiveConsent),
    phoneCipher: phoned.phoneCipher,
    phoneMasked: phoned.phoneCipher !== null ? phoned.phoneMasked : first((c) => c.phoneMasked),
    profile: mergeProfiles(all.map((c) => c.profile)),
    createdAt: new Date(Math.min(...all.map((c) => c.createdAt.getTime()))),
  };
}

/** Merges JSON objects key by key, earlier ones winning; text that is not a JSON object is ignored. */
export function mergeProfiles(profiles: ReadonlyArray<string | null>): string | null {
  const merged: Record<string, unknown> = {};
  let any = false;
  for (const text of [...profiles].reverse()) {
    const parsed = parseObject(text);
    if (!parsed) continue;
    any = true;
    Object.assign(merged, parsed);
  }
  return any ? JSON.stringify(merged) : null;
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * When both records carry the same tag, whose word counts: a person in Lodestar (manual), then a
 * WeCom corp tag an agent or a channel code put on (static: explicit, and kept in two-way sync
 * with WeCom, which only removes `static` rows), then what the customer said in a chat
 * (conversation, with the sentence as evidence), then a model's guess, then a behaviour rule
 * (re-derived from the counters on its next run anyway, so the cheapest to lose).
 */
export const tagSourcePrecedence: readonly TagSource[] = ['manual', 'static', 'conversation', 'model', 'behaviour', 'journey'];

export interface MergeTagRow {
  id: string;
  customerId: string;
  tagId: string;
  source: TagSource;
  evidence: string | null;
  confidence: number | null;
  createdAt: Date;
  expiresAt: Date | null;
}

export type TagRowValues = Pick<MergeTagRow, 'id' | 'source' | 'evidence' | 'confidence' | 'createdAt' | 'expiresAt'>;

export interface TagMergePlan {
  /** Loser rows to re-point to the survivor (the survivor had no row for that tag). */
  move: string[];
  /** Rows folded into another row of the same tag. */
  delete: string[];
  /** Rows that stay, with the values they end with (only those whose values change). */
  update: TagRowValues[];
}

/**
 * One row per tag. The winning source follows `tagSourcePrecedence` (then the earliest row);
 * its evidence stays, the confidence is the highest among rows of that source, the expiry the
 * latest of them (none = never expires), and the tag dates from the earliest row of any source.
 * The survivor's own row is the one kept when it has one, so nothing moves needlessly.
 */
export function mergeTags(survivorTags: readonly MergeTagRow[], loserTags: readonly MergeTagRow[]): TagMergePlan {
  const plan: TagMergePlan = { move: [], delete: [], update: [] };
  const byTag = new Map<string, MergeTagRow[]>();
  for (const row of [...survivorTags, ...loserTags]) byTag.set(row.tagId, [...(byTag.get(row.tagId) ?? []), row]);
  const survivorRowIds = new Set(survivorTags.map((t) => t.id));

  for (const rows of byTag.values()) {
    const ranked = [...rows].sort(
      (a, b) =>
        tagSourcePrecedence.indexOf(a.source) - tagSourcePrecedence.indexOf(b.source) ||
        a.createdAt.getTime() - b.createdAt.getTime() ||
        Number(survivorRowIds.has(b.id)) - Number(survivorRowIds.has(a.id)) ||
        compareIds(a.id, b.id),
    );
    const winner = ranked[0]!;
    const sameSource = ranked.filter((r) => r.source === winner.source);
    const confidences = sameSource.map((r) => r.confidence).filter((c): c is number => c !== null);
    const values: Omit<TagRowValues, 'id'> = {
      source: winner.source,
      evidence: winner.evidence ?? sameSource.find((r) => r.evidence !== null)?.evidence ?? null,
      confidence: confidences.length ? Math.max(...confidences) : null,
      createdAt: new Date(Math.min(...rows.map((r) => r.createdAt.getTime()))),
      expiresAt: sameSource.some((r) => r.expiresAt === null) ? null : new Date(Math.max(...sameSource.map((r) => r.expiresAt!.getTime()))),
    };
    const kept = rows.find((r) => survivorRowIds.has(r.id)) ?? winner;
    if (!survivorRowIds.has(kept.id)) plan.move.push(kept.id);
    for (const r of rows) if (r.id !== kept.id) plan.delete.push(r.id);
    if (!sameTagValues(kept, values)) plan.update.push({ id: kept.id, ...values });
  }
  return plan;
}

function sameTagValues(row: MergeTagRow, v: Omit<TagRowValues, 'id'>): boolean {
  return (
    row.source === v.source &&
    row.evidence === v.evidence &&
    row.confidence === v.confidence &&
    row.createdAt.getTime() === v.createdAt.getTime() &&
    (row.expiresAt?.getTime() ?? null) === (v.expiresAt?.getTime() ?? null)
  );
}

export interface DailyCountRow {
  customerId: string;
  counterKey: string;
  day: string;
  corpId: string;
  count: number;
}

export interface RowMergePlan<T> {
  /** New survivor rows. */
  insert: T[];
  /** Survivor rows whose values change. */
  update: T[];
}

/**
 * Daily counters are summed per (counter key, day): the survivor ends with exactly the sum of
 * what all the records counted, so no event is lost or counted twice. The losers' rows are
 * then deleted by the caller.
 */
export function mergeDailyCounts(survivorId: string, survivorRows: readonly DailyCountRow[], loserRows: readonly DailyCountRow[]): RowMergePlan<DailyCountRow> {
  const key = (r: DailyCountRow) => `${r.counterKey}\u0000${r.day}`;
  const own = new Map(survivorRows.map((r) => [key(r), r]));
  const sums = new Map<string, DailyCountRow>();
  for (const r of loserRows) {
    const k = key(r);
    const base = sums.get(k) ?? { ...(own.get(k) ?? { ...r, count: 0 }), customerId: survivorId };
    sums.set(k, { ...base, count: base.count + r.count });
  }
  const plan: RowMergePlan<DailyCountRow> = { insert: [], update: [] };
  for (const [k, row] of sums) (own.has(k) ? plan.update : plan.insert).push(row);
  return plan;
}

export interface StreakRow {
  customerId: string;
  counterKey: string;
  corpId: string;
  current: number;
  best: number;
  lastDay: string;
}

/**
 * Per counter key, the streak that is still running is the one seen last (the latest last day;
 * on the same day the longer one); the best is the best any record ever had.
 */
export function mergeStreaks(survivorId: string, survivorRows: readonly StreakRow[], loserRows: readonly StreakRow[]): RowMergePlan<StreakRow> {
  const own = new Map(survivorRows.map((r) => [r.counterKey, r]));
  const byKey = new Map<string, StreakRow[]>();
  for (const r of [...survivorRows, ...loserRows]) byKey.set(r.counterKey, [...(byKey.get(r.counterKey) ?? []), r]);
  const plan: RowMergePlan<StreakRow> = { insert: [], update: [] };
  for (const [counterKey, rows] of byKey) {
    if (!loserRows.some((r) => r.counterKey === counterKey)) continue;
    const latest = [...rows].sort((a, b) => (a.lastDay === b.lastDay ? b.current - a.current : a.lastDay < b.lastDay ? 1 : -1))[0]!;
    const merged: StreakRow = { ...latest, customerId: survivorId, best: Math.max(latest.current, ...rows.map((r) => r.best)) };
    const mine = own.get(counterKey);
    if (!mine) plan.insert.push(merged);
    else if (mine.current !== merged.current || mine.best !== merged.best || mine.lastDay !== merged.lastDay) plan.update.push(merged);
  }
  return plan;
}

export interface SegmentMemberRow {
  segmentId: string;
  customerId: string;
  corpId: string;
  enteredAt: Date;
}

/**
 * One membership per segment, dated from the earliest entry. The losers' rows are then deleted
 * by the caller; segments are re-evaluated for the survivor afterwards anyway.
 */
export function mergeSegmentMembers(survivorId: string, survivorRows: readonly SegmentMemberRow[], loserRows: readonly SegmentMemberRow[]): RowMergePlan<SegmentMemberRow> {
  const own = new Map(survivorRows.map((r) => [r.segmentId, r]));
  const earliest = new Map<string, SegmentMemberRow>();
  for (const r of loserRows) {
    const seen = earliest.get(r.segmentId) ?? own.get(r.segmentId);
    if (!seen || r.enteredAt.getTime() < seen.enteredAt.getTime()) earliest.set(r.segmentId, { ...r, customerId: survivorId });
  }
  const plan: RowMergePlan<SegmentMemberRow> = { insert: [], update: [] };
  for (const [segmentId, row] of earliest) (own.has(segmentId) ? plan.update : plan.insert).push(row);
  return plan;
}

export interface FollowRow {
  id: string;
  customerId: string;
  staffId: string;
  status: string;
  addedAt: Date;
  updatedAt: Date;
}

export interface FollowMergePlan {
  /** Loser relationships re-pointed to the survivor. */
  move: string[];
  /** Relationships with an agent the survivor already has a better one with. */
  delete: string[];
}

/**
 * One relationship per agent (the table is unique on customer and agent): the active one, else
 * the most recently changed, else the most recently added; on a full tie the survivor's.
 */
export function mergeFollows(survivorFollows: readonly FollowRow[], loserFollows: readonly FollowRow[]): FollowMergePlan {
  const survivorRowIds = new Set(survivorFollows.map((f) => f.id));
  const byStaff = new Map<string, FollowRow[]>();
  for (const f of [...survivorFollows, ...loserFollows]) byStaff.set(f.staffId, [...(byStaff.get(f.staffId) ?? []), f]);
  const plan: FollowMergePlan = { move: [], delete: [] };
  for (const rows of byStaff.values()) {
    const kept = [...rows].sort(
      (a, b) =>
        Number(b.status === 'active') - Number(a.status === 'active') ||
        b.updatedAt.getTime() - a.updatedAt.getTime() ||
        b.addedAt.getTime() - a.addedAt.getTime() ||
        Number(survivorRowIds.has(b.id)) - Number(survivorRowIds.has(a.id)) ||
        compareIds(a.id, b.id),
    )[0]!;
    if (!survivorRowIds.has(kept.id)) plan.move.push(kept.id);
    for (const r of rows) if (r.id !== kept.id) plan.delete.push(r.id);
  }
  return plan;
}
