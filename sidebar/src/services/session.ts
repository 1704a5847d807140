import type { LoginResponse, Role } from '@lodestar/shared';
import { now } from './clock';

/** The signed-in staff member and the bearer token, kept in localStorage (both entries share it). */
export interface Session {
  token: string;
  expiresAt: string;
  user: { id: string; name: string; role: Role };
}

const key = 'lodestar.session';
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (!s.token || Date.parse(s.expiresAt) <= now()) return null;
    return s;
  } catch {
    return null;
  }
}

export function saveSession(r: LoginResponse): Session {
  const s: Session = { token: r.token, expiresAt: r.expiresAt, user: r.user };
  localStorage.setItem(key, JSON.stringify(s));
  listeners.forEach((l) => l(s));
  return s;
}

export function clearSession(): void {
  localStorage.removeItem(key);
  listeners.forEach((l) => l(null));
}

export function onSessionChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const isConsoleRole = (role: Role): boolean => role === 'admin' || role === 'team_lead';
