import { z } from 'zod';
import {
  assessmentInputSchema,
  assessmentResultSchema,
  mpActivityDetailQuerySchema,
  mpActivityDetailSchema,
  mpActivityListQuerySchema,
  mpActivityListSchema,
  mpArticleListSchema,
  mpArticleQuerySchema,
  mpArticleSchema,
  mpAttendRequestSchema,
  mpAttendResultSchema,
  mpCancelResultSchema,
  mpCheckinCalendarSchema,
  mpCheckinQuerySchema,
  mpCheckinRequestSchema,
  mpCheckinResultSchema,
  mpLeadRequestSchema,
  mpLeadResultSchema,
  mpLoginRequestSchema,
  mpLoginResponseSchema,
  mpMeSchema,
  mpPhoneRequestSchema,
  mpPhoneResponseSchema,
  mpPlayRequestSchema,
  mpPlayResultSchema,
  mpPointsSchema,
  mpPolicyListSchema,
  mpPosterSchema,
  mpProductListSchema,
  mpProductQuerySchema,
  mpProductSchema,
  mpReferralsSchema,
  mpSignupRequestSchema,
  mpSignupResultSchema,
  mpSubscriptionRequestSchema,
  mpTicketListSchema,
  proposalSchema,
} from '@lodestar/shared';
import type { Principal } from '../platform/http/principal';
import { route, type AnyRoute } from '../platform/http/route';
import type { AccountService } from './account.service';
import type { ActivityService } from './activity.service';
import type { CheckinService, MpCaller } from './checkin.service';
import type { ContentService } from './content.service';
import type { ReferralService } from './referral.service';

export interface MpRouteDeps {
  accounts: AccountService;
  checkins: CheckinService;
  activities: ActivityService;
  referrals: ReferralService;
  content: ContentService;
  /** The corp a mini-program sign-in belongs to (one corp per deployment). */
  corpId: () => Promise<string>;
}

const id = z.object({ id: z.string().min(1).max(64) });
const tag = 'mini-program';
const customer = ['customer'] as const;

/** The customer mini-program's API (issue 9): every route but login needs a customer token. */
export function mpRoutes(d: MpRouteDeps): AnyRoute[] {
  const me = (p: Principal | undefined): Promise<MpCaller> => d.accounts.caller(p!);
  return [
    route({
      method: 'post',
      path: '/api/mp/login',
      tag,
      summary: 'Signs a customer in with a wx.login code (code2session); a new customer coming through a share or poster is attributed to the referrer',
      access: 'public',
      body: mpLoginRequestSchema,
      response: mpLoginResponseSchema,
      errors: [400, 401, 502],
      handler: async ({ body }) => d.accounts.login(await d.corpId(), body),
    }),
    route({
      method: 'post',
      path: '/api/mp/phone',
      tag,
      summary: 'Binds the phone behind a getPhoneNumber code, with the customer’s consent; a phone another record holds merges the two (409 when they cannot be one person)',
      access: customer,
      body: mpPhoneRequestSchema,
      response: mpPhoneResponseSchema,
      errors: [400, 409, 502],
      handler: async ({ principal, body }) => ({ phoneMasked: (await d.accounts.bindPhone(await me(principal), body.code)).phoneMasked }),
    }),
    route({ method: 'get', path: '/api/mp/me', tag, summary: 'The customer, their points, counts and agent (with a contact way of scene 1)', access: customer, response: mpMeSchema, handler: async ({ principal }) => d.accounts.me(await me(principal)) }),
    route({ method: 'get', path: '/api/mp/policies', tag, summary: 'The customer’s policies', access: customer, response: mpPolicyListSchema, handler: async ({ principal }) => d.accounts.policies(await me(principal)) }),
    route({
      method: 'get',
      path: '/api/mp/checkins',
      tag,
      summary: 'The check-in calendar of a month in the customer’s time zone: streak, rewards, balance',
      access: customer,
      query: mpCheckinQuerySchema,
      response: mpCheckinCalendarSchema,
      handler: async ({ principal, query }) => d.checkins.calendar(await me(principal), query.month),
    }),
    route({
      method: 'post',
      path: '/api/mp/checkins',
      tag,
      summary: 'Checks in for the customer’s local day (once; a second call answers already: true)',
      access: customer,
      body: mpCheckinRequestSchema,
      response: mpCheckinResultSchema,
      handler: async ({ principal }) => d.checkins.checkin(await me(principal)),
    }),
    route({ method: 'get', path: '/api/mp/points', tag, summary: 'The points ledger: balance (the sum) and entries, newest first', access: customer, response: mpPointsSchema, handler: async ({ principal }) => d.checkins.points(await me(principal)) }),
    route({
      method: 'post',
      path: '/api/mp/subscriptions',
      tag,
      summary: 'Records what the customer answered to a subscription-message request (an accept is one message)',
      access: customer,
      body: mpSubscriptionRequestSchema,
      response: z.null().describe('no content'),
      status: 204,
      handler: async ({ principal, body }) => {
        await d.checkins.subscribe(await me(principal), body);
        return null;
      },
    }),
    route({
      method: 'get',
      path: '/api/mp/activities',
      tag,
      summary: 'Published activities, soonest first, with the customer’s sign-up',
      access: customer,
      query: mpActivityListQuerySchema,
      response: mpActivityListSchema,
      handler: async ({ principal, query }) => d.activities.list(await me(principal), query.kind),
    }),
    route({
      method: 'get',
      path: '/api/mp/activities/:id',
      tag,
      summary: 'One activity with its form, quiz or prizes; records an activity_view event (with the inviter)',
      access: customer,
      params: id,
      query: mpActivityDetailQuerySchema,
      response: mpActivityDetailSchema,
      errors: [404],
      handler: async ({ principal, params, query }) => d.activities.detail(await me(principal), params.id, query.inviter),
    }),
    route({
      method: 'post',
      path: '/api/mp/activities/:id/signups',
      tag,
      summary: 'Signs up: confirmed with a ticket while seats last, else waitlisted; never oversold; the same customer again gets the same answer',
      access: customer,
      params: id,
      body: mpSignupRequestSchema,
      response: mpSignupResultSchema,
      errors: [404, 409],
      handler: async ({ principal, params, body }) => d.activities.signUp(await me(principal), params.id, body),
    }),
    route({
      method: 'delete',
      path: '/api/mp/activities/:id/signup',
      tag,
      summary: 'Cancels the sign-up; the first waitlisted who fits moves up',
      access: customer,
      params: id,
      response: mpCancelResultSchema,
      errors: [404, 409],
      handler: async ({ principal, params }) => d.activities.cancel(await me(principal), params.id),
    }),
    route({ method: 'get', path: '/api/mp/tickets', tag, summary: 'The customer’s tickets (QR payload lodestar:ticket:<code>)', access: customer, response: mpTicketListSchema, handler: async ({ principal }) => d.activities.tickets(await me(principal)) }),
    route({
      method: 'post',
      path: '/api/mp/activities/:id/attend',
      tag,
      summary: 'The customer scanned the code at the venue: attendance',
      access: customer,
      params: id,
      body: mpAttendRequestSchema,
      response: mpAttendResultSchema,
      errors: [400, 404, 409],
      handler: async ({ principal, params, body }) => d.activities.attendBySiteCode(await me(principal), params.id, body.siteCode),
    }),
    route({
      method: 'post',
      path: '/api/mp/activities/:id/play',
      tag,
      summary: 'Plays an online activity once: a lottery draw or a quiz',
      access: customer,
      params: id,
      body: mpPlayRequestSchema,
      response: mpPlayResultSchema,
      errors: [400, 404, 409],
      handler: async ({ principal, params, body }) => d.activities.play(await me(principal), params.id, body),
    }),
    route({ method: 'get', path: '/api/mp/referrals', tag, summary: 'The customer’s referral code, invitees (masked) and reward points', access: customer, response: mpReferralsSchema, handler: async ({ principal }) => d.referrals.list(await me(principal)) }),
    route({
      method: 'post',
      path: '/api/mp/referrals/poster',
      tag,
      summary: 'A poster’s mini-program code for the customer’s referral scene (r=<code>)',
      access: customer,
      response: mpPosterSchema,
      errors: [502],
      handler: async ({ principal }) => d.referrals.poster(await me(principal)),
    }),
    route({ method: 'get', path: '/api/mp/articles', tag, summary: 'Articles of the content library, newest first', access: customer, query: mpArticleQuerySchema, response: mpArticleListSchema, handler: async ({ principal, query }) => d.content.articles(await me(principal), query.tag) }),
    route({ method: 'get', path: '/api/mp/articles/:id', tag, summary: 'One article; records article_viewed', access: customer, params: id, response: mpArticleSchema, errors: [404], handler: async ({ principal, params }) => d.content.article(await me(principal), params.id) }),
    route({ method: 'get', path: '/api/mp/products', tag, summary: 'Products on sale', access: customer, query: mpProductQuerySchema, response: mpProductListSchema, handler: async ({ principal, query }) => d.content.products(await me(principal), query.line) }),
    route({ method: 'get', path: '/api/mp/products/:id', tag, summary: 'One product; records product_viewed', access: customer, params: id, response: mpProductSchema, errors: [404], handler: async ({ principal, params }) => d.content.product(await me(principal), params.id) }),
    route({
      method: 'post',
      path: '/api/mp/leads',
      tag,
      summary: 'Leave-contact form (留资): a lead_left event and a lead through the leads domain (source 小程序留资)',
      access: customer,
      body: mpLeadRequestSchema,
      response: mpLeadResultSchema,
      status: 201,
      errors: [400, 404],
      handler: async ({ principal, body }) => d.content.leaveContact(await me(principal), body),
    }),
    route({
      method: 'get',
      path: '/api/mp/proposals/:id',
      tag,
      summary: 'A proposal an agent shared with the customer; each view records proposal_viewed and notifies the agent',
      access: customer,
      params: id,
      response: proposalSchema,
      errors: [404],
      handler: async ({ principal, params }) => d.content.viewProposal(await me(principal), params.id),
    }),
    route({
      method: 'post',
      path: '/api/mp/assessments',
      tag,
      summary: 'The coverage-gap self-assessment: recommended cover per line, gaps and a 0–100 protection score; records gap_assessed',
      access: customer,
      body: assessmentInputSchema,
      response: assessmentResultSchema,
      status: 201,
      handler: async ({ principal, body }) => d.content.assess(await me(principal), body),
    }),
  ];
}

