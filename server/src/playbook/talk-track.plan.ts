/**
 * Best talk tracks (优秀话术): for each customer objection, the agent replies that were followed by
 * progress, ranked against those that were not, so the console can suggest what works and the
 * playbook can grow from the agents' own words. Whether a reply "progressed" is decided upstream
 * with decideProgress. Pure: no I/O, no clock.
 */

export interface ObjectionReply {
  /** The objection the reply answers (e.g. 价格, 信任, 已有保障, 再考虑). */
  objection: string;
  replyText: string;
  agentId: string;
  progressed: boolean;
}

export interface TalkTrack {
  objection: string;
  /** normaliseReply of the replies grouped here. */
  key: string;
  /** The reply text used most often in the group (the first seen on a tie), as an agent wrote it. */
  example: string;
  uses: number;
  progressed: number;
  /** progressed / uses. */
  rate: number;
  /** Wilson lower bound (95%) of the rate: a track used 3 times never outranks one used 50 times by luck. */
  score: number;
  /** Distinct agents who used it: a track one agent repeats is a habit, one many use is a practice. */
  agents: number;
  /** score > baseline: better than the objection's average even at the pessimistic end. */
  beatsBaseline: boolean;
}

export interface ObjectionTalkTracks {
  objection: string;
  /** All replies to this objection, including those without a usable key. */
  replies: number;
  /** The objection's overall progress rate: progressed replies / replies. */
  baseline: number;
  /** Best first, at most `limit`, each used at least `minUses` times. */
  tracks: TalkTrack[];
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/** The lower bound of the Wilson score interval for `successes` out of `n` (exactly 0 when either is 0). */
export function wilsonLowerBound(successes: number, n: number, z = Z95): number {
  if (n <= 0 || successes <= 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const margin = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - margin) / (1 + z2 / n));
}

/**
 * A key that groups near-identical replies. In order: NFKC and lower case; WeCom emoji codes
 * (`[微笑]`) removed; a customer addressed by surname and title (王先生, 李女士, 张小姐, 陈老师, and
 * 刘总 when not inside a word) becomes `@`; every number (10, 3.5, 1,000) becomes `#`; then
 * everything but letters and those two placeholders (punctuation, emoji, spaces) is dropped. So
 * "王先生您好！每天不到10块钱😊" and "李先生您好,每天不到 3 块钱" share the key "@您好每天不到#块钱".
 * A reply of only emoji or punctuation gets the empty key.
 */
export function normaliseReply(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\[[^\]\s]{1,6}\]/gu, '')
    .replace(/\p{Script=Han}(?:先生|女士|小姐|老师)/gu, '@')
    .replace(/\p{Script=Han}总(?=$|[^\p{Script=Han}]|您|你|好)/gu, '@')
    .replace(/\d+(?:[.,]\d+)*/gu, '#')
    .replace(/[^\p{L}#@]/gu, '');
}

interface Group {
  key: string;
  uses: number;
  progressed: number;
  agents: Set<string>;
  texts: Map<string, number>;
}

function mostUsedText(texts: Map<string, number>): string {
  let best = '';
  let count = 0;
  for (const [text, n] of texts) {
    if (n > count) {
      best = text;
      count = n;
    }
  }
  return best;
}

/**
 * Per objection, the replies grouped by normaliseReply, each group used at least `minUses` times
 * (at least 1), ranked by score (Wilson lower bound of its progress rate), then by uses, then by
 * key; the best `limit`. Objections come most-answered first (then by name), each with its
 * baseline. Replies whose key is empty count in the baseline but form no track.
 */
export function rankTalkTracks(replies: readonly ObjectionReply[], opts: { minUses: number; limit: number }): ObjectionTalkTracks[] {
  const minUses = Math.max(1, opts.minUses);
  const byObjection = new Map<string, { replies: number; progressed: number; groups: Map<string, Group> }>();
  for (const r of replies) {
    let o = byObjection.get(r.objection);
    if (!o) byObjection.set(r.objection, (o = { replies: 0, progressed: 0, groups: new Map() }));
    o.replies += 1;
    if (r.progressed) o.progressed += 1;
    const key = normaliseReply(r.replyText);
    if (!key) continue;
    let g = o.groups.get(key);
    if (!g) o.groups.set(key, (g = { key, uses: 0, progressed: 0, agents: new Set(), texts: new Map() }));
    g.uses += 1;
    if (r.progressed) g.progressed += 1;
    g.agents.add(r.agentId);
    const text = r.replyText.trim();
    g.texts.set(text, (g.texts.get(text) ?? 0) + 1);
  }
  const result: ObjectionTalkTracks[] = [];
  for (const [objection, o] of byObjection) {
    const baseline = o.progressed / o.replies;
    const tracks = [...o.groups.values()]
      .filter((g) => g.uses >= minUses)
      .map((g): TalkTrack => {
        const score = wilsonLowerBound(g.progressed, g.uses);
        return {
          objection,
          key: g.key,
          example: mostUsedText(g.texts),
          uses: g.uses,
          progressed: g.progressed,
          rate: g.progressed / g.uses,
          score,
          agents: g.agents.size,
          beatsBaseline: score > baseline,
        };
      })
      .sort((a, b) => b.score - a.score || b.uses - a.uses || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, Math.max(0, opts.limit));
    result.push({ objection, replies: o.replies, baseline, tracks });
  }
  return result.sort((a, b) => b.replies - a.replies || (a.objection < b.objection ? -1 : a.objection > b.objection ? 1 : 0));
}

export interface ProgressInput {
  /** When the agent's reply to the objection was sent. */
  replyAt: Date;
  /** The customer's turns after the reply (later ones are fine: the window is applied here). */
  nextCustomerTurns: ReadonlyArray<{ at: Date; objections: string[] }>;
  proposalViewedAt?: Date | null;
  policyBoughtAt?: Date | null;
}

/**
 * Whether a reply was followed by progress: within `windowMs` after it (strictly after the reply,
 * up to and including replyAt + windowMs) the customer sent a turn raising no objection, viewed
 * a proposal, or bought a policy. A customer who only repeats objections, goes quiet, or acts
 * after the window did not progress.
 */
export function decideProgress(input: ProgressInput, windowMs: number): boolean {
  const from = input.replyAt.getTime();
  const to = from + windowMs;
  const within = (d: Date | null | undefined): boolean => !!d && d.getTime() > from && d.getTime() <= to;
  return within(input.proposalViewedAt) || within(input.policyBoughtAt) || input.nextCustomerTurns.some((t) => t.objections.length === 0 && within(t.at));
}
