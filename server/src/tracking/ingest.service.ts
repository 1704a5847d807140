import type { IdentityKind } from '@lodestar/shared';
import { countersFor, eventCounterKey, parseJsonObject, type ActivityCounterRepository, type CountIncrement, type CounterDefinition, type PhoneVault } from '../customers';
import { isDeadlock, isUniqueViolation, type Tx } from '../db/transaction';
import type { Clock } from '../platform/clock';
import { GroupCommit } from '../platform/group-commit';
import type { IdGenerator } from '../platform/ids';
import { localDay } from '../platform/local-day';
import type { Logger } from '../platform/logger';
import { stitch, identityKey, singularKinds, type Identity, type StitchEvent } from './identity-stitch.plan';
import { applyProfileOp, type ProfileState } from './profile-ops';
import type { CustomerState, EventRow, TrackingStore } from './tracking-store.repository';
import type { Rejection, TrackedEvent, TrackingSourceKindName } from './tracked-event';

/** How merging is done: the customers domain decides the survivor and moves everything. */
export interface CustomerMerger {
  survivor(em: Tx, corpId: string, customerIds: string[]): Promise<string>;
  merge(em: Tx, input: { corpId: string; survivorId: string; mergedIds: string[]; reason: string; eventKey: string | null; at: Date; id: () => string }): Promise<unknown>;
}

/** What one write did, told to whoever keeps derived state (tags, stage, segments) current. */
export interface RecordedBatch {
  corpId: string;
  /** Live customers that got events or profile changes. */
  customerIds: string[];
  /** Events stored, per customer, with their properties (journeys match triggers and goals on them). */
  events: Array<{ customerId: string; name: string; at: Date; properties: Record<string, unknown> }>;
  merges: Array<{ survivorId: string; mergedIds: string[] }>;
  profileChanged: string[];
}

export interface IngestResult {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
}

type Outcome = 'stored' | 'duplicate';
interface Pending {
  corpId: string;
  event: TrackedEvent;
  receivedAt: Date;
}

/** Types that count as something the customer did (profile and identity records do not). */
const counted = new Set<TrackedEvent['type']>(['track', 'signup', 'page', 'screen']);
/** Visitor names the merge and set_once may replace. */
export const visitorPrefix = '访客';
const isPlaceholder = (name: string): boolean => name.startsWith(visitorPrefix);

export interface IngestDeps {
  store: TrackingStore;
  counters: ActivityCounterRepository;
  merger: CustomerMerger;
  vault: PhoneVault;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  /** Filtered counters the rules of the corp need (behaviour rules, segments, stage rules). */
  filteredCounters: (corpId: string) => Promise<CounterDefinition[]>;
  onRecorded: (batch: RecordedBatch) => void;
  maxPending: number;
}

/**
 * Takes mapped tracking records, writes them through a group commit (identities stitched,
 * customers created or merged, events stored once, profiles and counters updated, all in one
 * transaction), and reports what changed.
 */
export class IngestService {
  private readonly writer: GroupCommit<Pending, Outcome>;
  private readonly zones = new Map<string, string>();

  constructor(private readonly d: IngestDeps) {
    // One writer: two would race to create the same new identities (measured: no faster either).
    this.writer = new GroupCommit((items) => this.flush(items), { maxBatch: 2000, maxPending: d.maxPending });
  }

  pending(): number {
    return this.writer.pending();
  }

  drain(): Promise<void> {
    return this.writer.drain();
  }

  /** Records rejections, then writes the accepted events; resolves once they are durable. */
  async ingest(corpId: string, source: TrackingSourceKindName, events: TrackedEvent[], rejections: Rejection[], receivedAt: Date): Promise<IngestResult> {
    if (rejections.length) await this.reject(corpId, source, rejections, receivedAt);
    const outcomes = await this.writer.submit(events.map((event) => ({ corpId, event, receivedAt })));
    const stored = outcomes.filter((o) => o === 'stored').length;
    return { received: events.length + rejections.length, stored, duplicates: outcomes.length - stored, rejected: rejections.length };
  }

  async reject(corpId: string, source: string, rejections: Rejection[], receivedAt: Date): Promise<void> {
    await this.d.store.insertRejections(rejections.map((r) => ({ id: this.d.ids.next(), corpId, source, reason: r.reason, detail: r.detail, sample: r.sample, receivedAt })));
  }

  private async flush(items: Pending[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array<Outcome>(items.length).fill('duplicate');
    const byCorp = new Map<string, number[]>();
    items.forEach((it, i) => byCorp.set(it.corpId, [...(byCorp.get(it.corpId) ?? []), i]));
    for (const [corpId, indexes] of byCorp) {
      const batch = indexes.map((i) => items[i]!);
      const filtered = await this.d.filteredCounters(corpId);
      const zone = await this.zone(corpId);
      for (let attempt = 1; ; attempt++) {
        try {
          const { stored, recorded, conflicts } = await this.d.store.transaction((em) => this.write(em, corpId, batch, filtered, zone));
          // Refused links are recorded once the events are in (a retried transaction would count them twice).
          if (conflicts.length) await this.reject(corpId, batch[0]!.event.source, conflicts, this.d.clock.now());
          stored.forEach((s, j) => {
            if (s) outcomes[indexes[j]!] = 'stored';
          });
          if (recorded.customerIds.length) this.d.onRecorded(recorded);
          break;
        } catch (error) {
          // Another process created the same identity or event meanwhile, or a deadlock on counter
          // rows: read again and redo, after a short uneven pause so two writers stop colliding.
          if (attempt < 8 && (isUniqueViolation(error) || isDeadlock(error))) {
            await new Promise((resolve) => setTimeout(resolve, attempt * (5 + (parseInt(this.d.ids.next().slice(-2), 16) % 20))));
            continue;
          }
          throw error;
        }
      }
    }
    return outcomes;
  }

  private async zone(corpId: string): Promise<string> {
    let z = this.zones.get(corpId);
    if (!z) {
      z = await this.d.store.corpTimezone(corpId);
      this.zones.set(corpId, z);
    }
    return z;
  }

  private async write(em: Tx, corpId: string, batch: Pending[], filtered: CounterDefinition[], corpZone: string): Promise<{ stored: boolean[]; recorded: RecordedBatch; conflicts: Rejection[] }> {
    const { store, ids, clock } = this.d;
    const now = clock.now();
    // 1. Dedupe on the event's own key, against the store and within the batch.
    const known = await store.knownKeys(em, corpId, [...new Set(batch.map((p) => p.event.key))]);
    const stored = batch.map((p) => {
      if (known.has(p.event.key)) return false;
      known.add(p.event.key);
      return true;
    });
    const fresh = batch.filter((_, i) => stored[i]);
    const recorded: RecordedBatch = { corpId, customerIds: [], events: [], merges: [], profileChanged: [] };
    if (!fresh.length) return { stored, recorded, conflicts: [] };

    // 2. Identities: phones become keyed hashes; then stitch against what the database knows.
    const phones = fresh.map((p) => p.event.identities.filter((c) => c.kind === 'phone').map((c) => c.value));
    const claims: StitchEvent[] = fresh.map((p) => ({ identities: this.claims(p.event.identities), joins: p.event.joins, unbinds: this.claims(p.event.unbinds) }));
    const all = claims.flatMap((c) => [...c.identities, ...c.unbinds]);
    const owners = await store.owners(em, corpId, all);
    const zones = new Map(owners.map((o) => [o.customerId, o.timezone]));
    const ownerIds = [...new Set(owners.map((o) => o.customerId))];
    // What else the owners hold matters only to refuse a second login id, external user id or
    // unionid: when the batch links customers or brings such an identity nobody holds yet.
    const ownedKeys = new Set(owners.map((o) => identityKey(o.kind, o.value)));
    const singularNew = claims.some((c) => c.identities.some((i) => singularKinds.has(i.kind) && !ownedKeys.has(identityKey(i.kind, i.value))));
    const held = claims.some((c) => c.joins) || singularNew ? await store.held(em, ownerIds) : [];
    const heldBy = new Map<string, Identity[]>();
    for (const h of held) heldBy.set(h.customerId, [...(heldBy.get(h.customerId) ?? []), { kind: h.kind, value: h.value }]);
    const plan = stitch(claims, { owner: new Map(owners.map((o) => [identityKey(o.kind, o.value), o.customerId])), held: heldBy });

    // 3. Apply the plan: new customers, merges, identities taken away and added.
    const groupCustomer: string[] = [];
    const newCustomers: Array<{ id: string; corpId: string; name: string; createdAt: Date; updatedAt: Date }> = [];
    for (const [g, group] of plan.groups.entries()) {
      if (group.existing.length === 0) {
        const first = fresh[plan.eventGroup.indexOf(g)]!.event;
        const id = ids.next();
        const label = (first.distinctId ?? id).replace(/[^A-Za-z0-9]/g, '').slice(-4) || id.slice(-4);
        newCustomers.push({ id, corpId, name: `${visitorPrefix} ${label}`, createdAt: first.at < now ? first.at : now, updatedAt: now });
        groupCustomer.push(id);
      } else if (group.existing.length === 1) {
        groupCustomer.push(group.existing[0]!);
      } else {
        const survivorId = await this.d.merger.survivor(em, corpId, group.existing);
        const mergedIds = group.existing.filter((c) => c !== survivorId);
        const linking = fresh.find((p, i) => plan.eventGroup[i] === g && p.event.joins);
        await this.d.merger.merge(em, { corpId, survivorId, mergedIds, reason: 'identity_link', eventKey: linking?.event.key ?? null, at: now, id: () => ids.next() });
        recorded.merges.push({ survivorId, mergedIds });
        groupCustomer.push(survivorId);
      }
    }
    await store.insertCustomers(em, newCustomers);
    if (plan.detach.length) await store.deleteIdentities(em, corpId, plan.detach);
    await store.insertIdentities(
      em,
      plan.groups.flatMap((group, g) => group.attach.map((a) => ({ id: ids.next(), corpId, customerId: groupCustomer[g]!, kind: a.kind, value: a.value, createdAt: now }))),
    );
    const conflicts: Rejection[] = plan.conflicts.map((c) => ({
      reason: 'identity_conflict',
      detail: `event stored; ${c.detail}`,
      sample: JSON.stringify({ key: fresh[c.event]!.event.key, name: fresh[c.event]!.event.name, source: fresh[c.event]!.event.source }),
    }));

    // 4. The events themselves.
    const customerOf = (i: number): string => groupCustomer[plan.eventGroup[i]!]!;
    const rows: EventRow[] = fresh.map((p, i) => ({
      id: ids.next(),
      corpId,
      eventKey: p.event.key,
      customerId: customerOf(i),
      source: p.event.source,
      project: p.event.project,
      type: p.event.type,
      name: p.event.name,
      occurredAt: p.event.at,
      receivedAt: p.receivedAt,
      distinctId: p.event.distinctId,
      properties: Object.keys(p.event.properties).length ? JSON.stringify(p.event.properties) : null,
    }));
    await store.insertEvents(em, rows);

    // 5. Profiles and phones, in event order (only customers such records name are read).
    const touched = [...new Set(rows.map((r) => r.customerId))];
    const profiled = [...new Set(fresh.flatMap((p, i) => (p.event.profile || phones[i]!.length ? [customerOf(i)] : [])))];
    const states = profiled.length ? await store.customerStates(em, profiled) : new Map<string, CustomerState>();
    const changed = new Map<string, ProfileState & { phone?: { cipher: string; masked: string } }>();
    fresh.forEach((p, i) => {
      const customerId = customerOf(i);
      const base = states.get(customerId);
      if (!base) return;
      const current = changed.get(customerId) ?? { profile: parseJsonObject(base.profile), name: base.name, gender: base.gender, city: base.city, birthDate: base.birthDate };
      let next: typeof current = current;
      if (p.event.profile) next = { ...next, ...applyProfileOp(next, p.event.profile.op, p.event.profile.properties, isPlaceholder) };
      const phone = phones[i]!.map((raw) => this.d.vault.protect(raw)).find((x) => x !== null);
      if (phone && (p.event.profile || (!base.phoneCipher && !current.phone))) next = { ...next, phone: { cipher: phone.cipher, masked: phone.masked } };
      if (next !== current) changed.set(customerId, next);
    });
    for (const [customerId, s] of changed) {
      const profile = JSON.stringify(s.profile);
      await store.updateCustomer(
        em,
        customerId,
        { name: s.name, gender: s.gender, city: s.city, birthDate: s.birthDate, profile: profile.length <= 16_000 ? profile : undefined, phoneCipher: s.phone?.cipher, phoneMasked: s.phone?.masked },
        now,
      );
    }

    // 6. Rolling daily counters and streaks, in each customer's local day.
    const increments: CountIncrement[] = [];
    const activity: Array<{ customerId: string; corpId: string; counterKey: string; day: string }> = [];
    fresh.forEach((p, i) => {
      if (!counted.has(p.event.type)) return;
      const customerId = customerOf(i);
      const day = localDay(p.event.at, zones.get(customerId) ?? corpZone);
      for (const counterKey of countersFor(p.event.name, p.event.properties, filtered)) increments.push({ customerId, corpId, counterKey, day, count: 1 });
      activity.push({ customerId, corpId, counterKey: eventCounterKey(p.event.name), day });
      recorded.events.push({ customerId, name: p.event.name, at: p.event.at, properties: p.event.properties });
    });
    await this.d.counters.add(em, increments);
    await this.d.counters.advanceStreaks(em, activity);

    recorded.customerIds = touched;
    recorded.profileChanged = [...changed.keys()];
    return { stored, recorded, conflicts };
  }

  /** Phone claims become phone_hash identities (an unusable number is dropped). */
  private claims(ids: TrackedEvent['identities']): Identity[] {
    const out: Identity[] = [];
    for (const c of ids) {
      if (c.kind === 'phone') {
        const hash = this.d.vault.hash(c.value);
        if (hash) out.push({ kind: 'phone_hash', value: hash });
      } else out.push({ kind: c.kind as IdentityKind, value: c.value });
    }
    return out;
  }
}

