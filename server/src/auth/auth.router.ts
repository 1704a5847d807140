import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, roles } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { AuthService } from './auth.service';

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
  ];
}
