/**
 * The customer mini-program's API (issue 9): every request and response of `/api/mp/*` (principal
 * role `customer`, principal id = customer id) and of the staff routes that feed it (activities,
 * attendance, proposals, shareable content). Times are ISO strings; local dates are YYYY-MM-DD in
 * the customer's time zone (customer.timezone, default Asia/Shanghai). Money and cover are in yuan.
 * One file per use case.
 */
export { mpLocalDateSchema, mpMonthSchema, mpPhoneInputSchema, mpProductLineLabels, mpProductLineSchema, mpProductLines, mpRequestIdSchema, type MpProductLine } from './common';
export * from './account';
export * from './checkins';
export * from './activities';
export * from './referrals';
export * from './content';
