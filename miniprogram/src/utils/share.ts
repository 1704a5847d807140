/** The path a share card opens: the home page with the sharer's referral code. */
export const sharePath = (code: string): string => `/pages/index/index?r=${encodeURIComponent(code)}`;
