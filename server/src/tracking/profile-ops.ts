import { phoneKeys } from './record-rules';
import type { ProfileOp } from './tracked-event';

/** The parts of a customer a profile record may change. */
export interface ProfileState {
  profile: Record<string, unknown>;
  name: string;
  gender: 'male' | 'female' | 'unknown';
  city: string | null;
  birthDate: string | null;
}

/** Properties that live in customer columns rather than in the profile JSON. */
const columnOf: Record<string, 'name' | 'gender' | 'city' | 'birthDate'> = {
  $name: 'name',
  name: 'name',
  $gender: 'gender',
  gender: 'gender',
  $city: 'city',
  city: 'city',
  $birthday: 'birthDate',
  birthday: 'birthDate',
  birth_date: 'birthDate',
};
/** Phone properties arrive masked; the number itself goes to the encrypted column, not here. */
const skipped = new Set(phoneKeys);

function gender(v: unknown): ProfileState['gender'] | null {
  const s = String(v).trim().toLowerCase();
  if (['male', 'm', '男', '1'].includes(s)) return 'male';
  if (['female', 'f', '女', '2'].includes(s)) return 'female';
  return null;
}

function column(state: ProfileState, col: 'name' | 'gender' | 'city' | 'birthDate', v: unknown): ProfileState {
  if (col === 'name') return typeof v === 'string' && v.trim() ? { ...state, name: v.trim().slice(0, 64) } : state;
  if (col === 'gender') return { ...state, gender: gender(v) ?? state.gender };
  if (col === 'city') return typeof v === 'string' && v.trim() ? { ...state, city: v.trim().slice(0, 32) } : state;
  const day = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
  return day ? { ...state, birthDate: day } : state;
}

const isUnset = (state: ProfileState, col: 'name' | 'gender' | 'city' | 'birthDate', placeholder: (name: string) => boolean): boolean =>
  col === 'name' ? placeholder(state.name) : col === 'gender' ? state.gender === 'unknown' : state[col] === null;

/**
 * Applies one Sensors profile operation (Segment identify is a set) and returns the new state.
 * `placeholder` says whether a name is a stand-in (a visitor name) that set_once may replace.
 */
export function applyProfileOp(state: ProfileState, op: ProfileOp, props: Record<string, unknown>, placeholder: (name: string) => boolean): ProfileState {
  let next: ProfileState = { ...state, profile: { ...state.profile } };
  if (op === 'delete') return { ...next, profile: {} };
  for (const [k, v] of Object.entries(props)) {
    if (skipped.has(k) || k === '$insert_id') continue;
    const col = columnOf[k];
    switch (op) {
      case 'set':
        next = col ? column(next, col, v) : { ...next, profile: { ...next.profile, [k]: v } };
        break;
      case 'set_once':
        if (col) next = isUnset(next, col, placeholder) ? column(next, col, v) : next;
        else if (!(k in next.profile)) next.profile[k] = v;
        break;
      case 'increment': {
        if (typeof v !== 'number' || !Number.isFinite(v) || col) break;
        const before = next.profile[k];
        next.profile[k] = (typeof before === 'number' ? before : 0) + v;
        break;
      }
      case 'append': {
        if (col) break;
        const add = Array.isArray(v) ? v : [v];
        const before = Array.isArray(next.profile[k]) ? (next.profile[k] as unknown[]) : [];
        next.profile[k] = [...before, ...add.filter((x) => !before.includes(x))];
        break;
      }
      case 'unset':
        if (col === 'city' || col === 'birthDate') next = { ...next, [col]: null };
        else if (col === 'gender') next = { ...next, gender: 'unknown' };
        else if (!col) delete next.profile[k];
        break;
    }
  }
  return next;
}
