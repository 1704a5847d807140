import type { SopTarget } from '@lodestar/shared';

/**
 * Whether a customer group is in a group plan's target.
 *
 * - all: true → every group.
 * - Otherwise every criterion given must hold (AND); inside a list any entry will do (OR):
 *   groupTags (the group has any of them), namePattern, ownerIds (the owner is one of them),
 *   teamIds (the owner's team is one of them; a group whose owner has no team never matches).
 * - namePattern is not a regex. Without `*` it is a substring of the name; with `*` it is a glob
 *   over the whole name where `*` stands for any run of characters (also none). Every other
 *   character, regex specials such as ( ) . + ? [ ] included, stands for itself. Case-insensitive.
 *
 * A customer target never matches a group.
 */

export interface SopGroupFacts {
  name: string;
  tags: readonly string[];
  ownerId: string;
  teamId?: string | null;
}

export function matchesTarget(target: SopTarget, group: SopGroupFacts): boolean {
  if (target.kind !== 'groups') return false;
  if (target.all === true) return true;
  if (target.groupTags && !target.groupTags.some((t) => group.tags.includes(t))) return false;
  if (target.namePattern !== undefined && !nameMatcher(target.namePattern)(group.name)) return false;
  if (target.ownerIds && !target.ownerIds.includes(group.ownerId)) return false;
  if (target.teamIds && (group.teamId == null || !target.teamIds.includes(group.teamId))) return false;
  return true;
}

/** What a regex (in u mode, outside a class) reads as syntax; `*` is split off before. */
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\/]/g;
const matchers = new Map<string, (name: string) => boolean>();
const MAX_MATCHERS = 500;

/** A name test for a pattern (see above), compiled once and cached. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  let m = matchers.get(pattern);
  if (!m) {
    if (pattern.includes('*')) {
      const source = pattern
        .split('*')
        .map((part) => part.replace(REGEX_SPECIALS, '\\$&'))
        .join('.*');
      const re = new RegExp(`^${source}$`, 'isu');
      m = (name) => re.test(name);
    } else {
      const needle = pattern.toLowerCase();
      m = (name) => name.toLowerCase().includes(needle);
    }
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matchers.set(pattern, m);
  }
  return m;
}
