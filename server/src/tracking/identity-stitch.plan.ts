import type { IdentityKind } from '@lodestar/shared';

export interface Identity {
  kind: IdentityKind;
  value: string;
}

export interface StitchEvent {
  identities: Identity[];
  joins: boolean;
  unbinds: Identity[];
}

/** The customers the batch touches, as the database knows them now. */
export interface KnownIdentities {
  /** identityKey(kind, value) → customer id */
  owner: ReadonlyMap<string, string>;
  /** customer id → every identity it holds (for the one-value-per-kind rule) */
  held: ReadonlyMap<string, readonly Identity[]>;
}

export interface StitchGroup {
  /** Existing customers in the group: none = create one; two or more = merge them. */
  existing: string[];
  /** Identities the group's customer gains. */
  attach: Identity[];
}

export interface StitchPlan {
  groups: StitchGroup[];
  /** For each event, the index of its group. */
  eventGroup: number[];
  /** Identities to take away from whoever holds them in the database (unbind), before attaching. */
  detach: Identity[];
  /** Links refused because they would give one person two values of a one-per-person kind. */
  conflicts: Array<{ event: number; detail: string }>;
}

/** How much each kind is trusted to name one person, most first. */
export const identityPriority: readonly IdentityKind[] = ['login_id', 'external_userid', 'unionid', 'phone_hash', 'openid', 'distinct_id', 'anonymous_id'];
/** A person has at most one of these; a link that would give them two is refused. */
export const singularKinds: ReadonlySet<IdentityKind> = new Set(['login_id', 'external_userid', 'unionid']);
const singular = singularKinds;

export const identityKey = (kind: string, value: string): string => `${kind}\u0000${value}`;

interface Node {
  parent: number;
  existing: string[];
  attach: Identity[];
  /** singular kind → values the node (and its merged nodes) hold */
  singles: Map<IdentityKind, Set<string>>;
}

/**
 * Decides, for a batch of events in order, which customer each belongs to: known identities
 * resolve to their customer, unknown ones attach to it, and a linking record (signup, bind, alias)
 * joins the customers its identities name — unless that would give one person two login ids,
 * external user ids or unionids. Pure: the caller applies the plan.
 */
export function stitch(events: readonly StitchEvent[], known: KnownIdentities): StitchPlan {
  const nodes: Node[] = [];
  const nodeOfCustomer = new Map<string, number>();
  const owner = new Map<string, number>();
  /** Known identities unbound in this batch: no longer resolved through the database's owner. */
  const detached = new Map<string, Identity>();
  const removals = new Map<string, Identity>();
  const conflicts: StitchPlan['conflicts'] = [];

  const find = (i: number): number => {
    let n = i;
    while (nodes[n]!.parent !== n) n = nodes[n]!.parent;
    nodes[i]!.parent = n;
    return n;
  };
  const newNode = (): number => {
    nodes.push({ parent: nodes.length, existing: [], attach: [], singles: new Map() });
    return nodes.length - 1;
  };
  const hold = (n: number, id: Identity): void => {
    if (!singular.has(id.kind)) return;
    const set = nodes[n]!.singles.get(id.kind) ?? new Set<string>();
    set.add(id.value);
    nodes[n]!.singles.set(id.kind, set);
  };
  const nodeOf = (id: Identity): number | undefined => {
    const key = identityKey(id.kind, id.value);
    const mine = owner.get(key);
    if (mine !== undefined) return find(mine);
    if (detached.has(key)) return undefined;
    const customer = known.owner.get(key);
    if (customer === undefined) return undefined;
    let n = nodeOfCustomer.get(customer);
    if (n === undefined) {
      n = newNode();
      nodes[n]!.existing.push(customer);
      for (const h of known.held.get(customer) ?? []) hold(n, h);
      nodeOfCustomer.set(customer, n);
    }
    owner.set(key, n);
    return find(n);
  };
  /** The kind on which a and b disagree, if any. */
  const clash = (a: Map<IdentityKind, Set<string>>, b: Map<IdentityKind, Set<string>>): IdentityKind | null => {
    for (const [kind, values] of b) {
      const mine = a.get(kind);
      if (mine && mine.size && values.size && ![...values].some((v) => mine.has(v))) return kind;
    }
    return null;
  };
  const attach = (n: number, id: Identity): boolean => {
    const node = nodes[n]!;
    const values = node.singles.get(id.kind);
    if (singular.has(id.kind) && values && values.size && !values.has(id.value)) return false;
    node.attach.push(id);
    hold(n, id);
    owner.set(identityKey(id.kind, id.value), n);
    return true;
  };
  const union = (a: number, b: number): void => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    nodes[rb]!.parent = ra;
    nodes[ra]!.existing.push(...nodes[rb]!.existing);
    nodes[ra]!.attach.push(...nodes[rb]!.attach);
    for (const [kind, values] of nodes[rb]!.singles) for (const v of values) hold(ra, { kind, value: v });
  };

  const eventNode: number[] = [];
  events.forEach((e, index) => {
    const claims = dedupe(e.identities).sort((a, b) => identityPriority.indexOf(a.kind) - identityPriority.indexOf(b.kind));
    let target: number | undefined;
    if (e.joins) {
      for (const id of claims) {
        const n = nodeOf(id);
        if (target === undefined) {
          target = n ?? newNode();
          if (n === undefined) attach(target, id);
        } else if (n === undefined) {
          if (!attach(target, id)) conflicts.push({ event: index, detail: `${id.kind} ${id.value} was not linked: the customer already has another ${id.kind}` });
        } else if (n !== find(target)) {
          const kind = clash(nodes[find(target)]!.singles, nodes[n]!.singles);
          if (kind) conflicts.push({ event: index, detail: `customers were not merged: they have different ${kind} values` });
          else union(target, n);
        }
      }
    } else {
      const owned = claims.map((id) => nodeOf(id));
      target = owned.find((n) => n !== undefined) ?? newNode();
      claims.forEach((id, i) => {
        if (owned[i] === undefined) attach(target!, id);
      });
    }
    eventNode.push(target ?? newNode());
    for (const id of e.unbinds) {
      const key = identityKey(id.kind, id.value);
      const n = owner.get(key);
      if (n !== undefined) nodes[find(n)]!.attach = nodes[find(n)]!.attach.filter((a) => identityKey(a.kind, a.value) !== key);
      owner.delete(key);
      for (const node of nodes) node.singles.get(id.kind)?.delete(id.value);
      if (known.owner.has(key)) {
        detached.set(key, id);
        removals.set(key, id);
      }
    }
  });

  const groupOfRoot = new Map<number, number>();
  const groups: StitchGroup[] = [];
  const eventGroup = eventNode.map((n) => {
    const root = find(n);
    let g = groupOfRoot.get(root);
    if (g === undefined) {
      g = groups.length;
      groupOfRoot.set(root, g);
      groups.push({ existing: [...new Set(nodes[root]!.existing)], attach: dedupe(nodes[root]!.attach) });
    }
    return g;
  });
  return { groups, eventGroup, detach: [...removals.values()], conflicts };
}

function dedupe(ids: readonly Identity[]): Identity[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const k = identityKey(id.kind, id.value);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
