import type { CustomerView, PersonalDataField } from '@lodestar/shared';

/** How long a revealed value stays in clear before it is masked again. */
export const revealSeconds = 30;

export const revealFieldLabels: Record<PersonalDataField, string> = { phone: '手机号', idNumber: '身份证号' };

/** The reasons staff give most often; one tap fills the reason, which they may still edit. */
export const quickRevealReasons: Record<PersonalDataField, readonly string[]> = {
  phone: ['客户来电核实身份', '电话回访客户', '投保信息录入', '理赔协助联系'],
  idNumber: ['客户来电核实身份', '投保信息录入', '理赔资料核对', '保全变更'],
};

/** The same bounds as the server's reveal schema (2 to 200 characters, trimmed). */
export const reasonLimits = { min: 2, max: 200 } as const;

/** Why the reason cannot be sent yet, or null when it can. */
export function reasonProblem(reason: string): string | null {
  const r = reason.trim();
  if (r.length < reasonLimits.min) return `请写明查看原因（至少 ${reasonLimits.min} 个字）`;
  if (r.length > reasonLimits.max) return `原因最多 ${reasonLimits.max} 个字`;
  return null;
}

/** Whether 查看 is offered: the server says the caller may reveal the field, and there is a value to reveal. */
export function mayOfferReveal(view: Pick<CustomerView, 'revealable' | 'phone' | 'idNumber'>, field: PersonalDataField): boolean {
  return view[field] !== null && view.revealable.includes(field);
}

/** Whole seconds left until a deadline (both in milliseconds of the same monotonic clock), never below 0. */
export function secondsLeft(deadline: number, at: number): number {
  return Math.max(0, Math.ceil((deadline - at) / 1000));
}

/** A failed reveal in words for the person who asked: what happened, then the server's own message (status 0: no answer). */
export function revealErrorText(field: PersonalDataField, e: { status: number; message: string }): string {
  const what = revealFieldLabels[field];
  const head = ((): string => {
    switch (e.status) {
      case 400:
        return '查看原因不符合要求';
      case 401:
        return '登录已过期，请重新登录后再查看';
      case 403:
        return `你的角色无权查看${what}明文`;
      case 404:
        return '客户不存在，或不在你的可见范围内';
      case 429:
        return '操作太频繁，请稍后再试';
      case 503:
        return '服务暂时不可用，请稍后再试';
      case 0:
        return '网络异常，未能查看';
      default:
        return `查看${what}失败`;
    }
  })();
  return e.message ? `${head}（${e.message}）` : head;
}
