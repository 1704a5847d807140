import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, roles, staffRoles } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { AuthService } from './auth.service';

const okSchema = z.object({ ok: z.literal(true) });
const revokeRequestSchema = z.object({ staffId: z.string().min(1).max(64) });
const revokeResponseSchema = z.object({ revoked: z.number().int().describe('how many open sessions were ended') });
const meSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(roles), corpId: z.string(), teamId: z.string().nullable() });

export function authRoutes(auth: AuthService): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      summary: 'Sign in with a user name and password; returns a bearer token',
      access: 'public',
      body: loginRequestSchema,
      response: loginResponseSchema,
      errors: [401, 429],
      handler: ({ body, ip }) => auth.login(body, ip),
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      summary: 'Who the bearer token belongs to',
      access: roles,
      response: meSchema,
      handler: async ({ principal }) => {
        const p = principal!;
        return { id: p.id, name: p.name, role: p.role, corpId: p.corpId, teamId: p.teamId };
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      summary: 'Ends the session of the bearer token; the token answers 401 from then on',
      access: staffRoles,
      response: okSchema,
      handler: ({ principal, ip }) => auth.logout(principal!, ip),
    }),
    route({
      method: 'post',
      path: '/api/auth/sessions/revoke',
      tag: 'auth',
      summary: 'Ends every open session of a staff member (e.g. when they leave); their tokens answer 401 within 30 s on every server, at once on this one',
      access: ['admin'],
      body: revokeRequestSchema,
      response: revokeResponseSchema,
      errors: [404],
      handler: ({ principal, body, ip }) => auth.revokeSessions(principal!, body.staffId, ip),
    }),
  ];
}
