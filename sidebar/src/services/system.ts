import type { UpstreamStatus } from '@lodestar/shared';
import { get } from './http';

/** The outside services' health: circuit breakers and recent incidents (admins only; others get 403). */
export const upstreamStatus = (): Promise<UpstreamStatus> => get('/api/system/upstreams');
