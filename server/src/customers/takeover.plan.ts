export interface TakeoverCandidate {
  staffId: string;
  userId: string;
  /** Customers the agent serves now. */
  load: number;
}

/**
 * Spreads customers over takeover agents, least loaded first (ties by user id, so the same input
 * always gives the same plan). Returns staff id per subject, in the subjects' order.
 */
export function pickTakeovers(subjects: readonly string[], candidates: readonly TakeoverCandidate[]): Map<string, TakeoverCandidate> {
  if (candidates.length === 0) throw new Error('no takeover candidates');
  const loads = candidates.map((c) => ({ ...c }));
  const result = new Map<string, TakeoverCandidate>();
  for (const subject of subjects) {
    let best = loads[0]!;
    for (const c of loads) if (c.load < best.load || (c.load === best.load && c.userId < best.userId)) best = c;
    best.load += 1;
    result.set(subject, candidates.find((c) => c.staffId === best.staffId)!);
  }
  return result;
}
