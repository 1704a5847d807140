import { post } from './http';

export interface ComplianceHit {
  ruleId: string;
  name: string;
  category: string;
  severity: 'high' | 'medium';
  match: string;
  index: number;
}
export interface ComplianceResult {
  ok: boolean;
  hits: ComplianceHit[];
}

const cache = new Map<string, Promise<ComplianceResult>>();

/** Checks a text before it is sent (the same text is asked once per page). */
export function checkCompliance(text: string): Promise<ComplianceResult> {
  let p = cache.get(text);
  if (!p) {
    p = post<ComplianceResult>('/api/compliance/check', { text });
    p.catch(() => cache.delete(text));
    cache.set(text, p);
  }
  return p;
}
