import { z } from 'zod';
import { isoTime } from './common';

/** Referrals (see index.ts). */
export const mpInviteeSchema = z
  .object({
    name: z.string().describe('masked: 张*'),
    joinedAt: isoTime,
    qualified: z.boolean(),
    rewardPoints: z.number().int(),
  })
  .meta({ id: 'MpInvitee' });
export type MpInvitee = z.infer<typeof mpInviteeSchema>;

export const mpReferralsSchema = z
  .object({
    code: z.string().describe('the customer’s own referral code, for share paths (?referrer=<code>) and posters'),
    invitees: z.array(mpInviteeSchema).describe('newest first'),
    totalPoints: z.number().int(),
  })
  .meta({ id: 'MpReferrals' });
export type MpReferrals = z.infer<typeof mpReferralsSchema>;

export const mpPosterSchema = z
  .object({
    imageBase64: z.string().describe('the mini-program code image'),
    contentType: z.string().describe('image/png or image/jpeg'),
    scene: z.string().max(32).describe('r=<code>'),
    page: z.string().describe('the page the code opens'),
  })
  .meta({ id: 'MpPoster' });
export type MpPoster = z.infer<typeof mpPosterSchema>;
