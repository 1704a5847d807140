import { z } from 'zod';
import { jssdkConfigSchema, jssdkQuerySchema, loginResponseSchema, oauthUrlQuerySchema, wecomLoginSchema } from '@lodestar/shared';
import { route, type AnyRoute } from '../platform/http/route';
import type { WecomIdentityService } from './wecom-identity.service';

export function wecomIdentityRoutes(identity: WecomIdentityService): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/auth/wecom/authorize-url',
      tag: 'auth',
      summary: 'The WeCom OAuth address that brings an agent back to `redirect` with a sign-in code',
      access: 'public',
      query: oauthUrlQuerySchema,
      response: z.object({ url: z.string() }),
      errors: [503],
      handler: async ({ query }) => identity.oauthUrl(query.redirect, query.state),
    }),
    route({
      method: 'post',
      path: '/api/auth/wecom',
      tag: 'auth',
      summary: 'Signs an agent in with the OAuth code WeCom gave the sidebar (single use, 5 minutes)',
      access: 'public',
      body: wecomLoginSchema,
      response: loginResponseSchema,
      errors: [401, 503],
      handler: ({ body, ip }) => identity.login(body.code, ip),
    }),
    route({
      method: 'get',
      path: '/api/sidebar/jssdk-config',
      tag: 'auth',
      summary: 'The corp and agent signatures ww.register needs for a sidebar page URL (tickets cached and shared)',
      access: ['admin', 'team_lead', 'agent'],
      query: jssdkQuerySchema,
      response: jssdkConfigSchema,
      errors: [503],
      handler: ({ query }) => identity.jssdkConfig(query.url),
    }),
  ];
}
