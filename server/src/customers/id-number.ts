/**
 * Mainland resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence, and a check character (0-9 or X) computed with ISO 7064 MOD 11-2.
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkChars = '10X98765432';

/** The check character of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return checkChars[sum % 11]!;
}

/** Why the text is not a valid ID number, in words for the caller; null when it is valid. */
export function idNumberProblem(raw: string): string | null {
  const id = raw.replace(/\s/g, '').toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'must be 18 characters: 17 digits and a final digit or X';
  if (!/^[1-8]\d{5}$/.test(id.slice(0, 6))) return 'does not start with a mainland region code';
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return 'holds no valid birth date';
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return 'has a wrong check digit';
  return null;
}

/** The ID number in its one stored form (no spaces, upper-case X), or null when it is not valid. */
export function normaliseIdNumber(raw: string): string | null {
  return idNumberProblem(raw) === null ? raw.replace(/\s/g, '').toUpperCase() : null;
}

/** 110101199003071234 → 110101********1234: region kept, birth date and sequence hidden. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '****';
}

/** A valid ID number for a region, birth date (YYYY-MM-DD) and 3-digit sequence (demo data). */
export function composeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
