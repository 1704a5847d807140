import type { SopBoardRow, SopCalendarItem, SopPlanCreateInput, SopPlanView } from '@lodestar/shared';
import { get, post, put } from './http';

export const listPlans = (): Promise<{ items: SopPlanView[] }> => get('/api/sop/plans');
export const createPlan = (plan: SopPlanCreateInput): Promise<SopPlanView> => post('/api/sop/plans', plan);
export const updatePlan = (id: string, plan: SopPlanCreateInput): Promise<SopPlanView> => put(`/api/sop/plans/${encodeURIComponent(id)}`, plan);
export const planAction = (id: string, action: 'publish' | 'pause' | 'resume' | 'archive'): Promise<SopPlanView> => post(`/api/sop/plans/${encodeURIComponent(id)}/${action}`);
export const runSopNow = (): Promise<Record<string, number>> => post('/api/sop/run');

export const sopCalendar = (from: Date, to: Date, planId?: string): Promise<{ items: SopCalendarItem[] }> =>
  get('/api/sop/calendar', { from: from.toISOString(), to: to.toISOString(), planId });

export type BoardBy = 'plan' | 'agent' | 'team';
export const sopBoard = (from: Date, to: Date, by: BoardBy): Promise<{ items: SopBoardRow[] }> => get('/api/sop/board', { from: from.toISOString(), to: to.toISOString(), by });
