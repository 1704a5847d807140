import type { Journey, JourneyInput, JourneyStats } from '@lodestar/shared';
import { get, post, put } from './http';

export interface JourneyListItem {
  id: string;
  name: string;
  description: string | null;
  status: Journey['status'];
  liveVersion: number | null;
  template: string | null;
  createdAt: string;
  updatedAt: string;
  active: number;
  entered: number;
}
export interface JourneyTemplate {
  key: string;
  name: string;
  description: string;
  installed: string | null;
}

export const listJourneys = (): Promise<{ items: JourneyListItem[] }> => get('/api/journeys');
export const getJourney = (id: string): Promise<Journey> => get(`/api/journeys/${encodeURIComponent(id)}`);
export const createJourney = (input: JourneyInput): Promise<Journey> => post('/api/journeys', input);
export const saveJourney = (id: string, input: JourneyInput): Promise<Journey> => put(`/api/journeys/${encodeURIComponent(id)}`, input);
export const journeyAction = (id: string, action: 'publish' | 'pause' | 'resume' | 'archive'): Promise<Journey> => post(`/api/journeys/${encodeURIComponent(id)}/${action}`);
export const journeyStats = (id: string): Promise<JourneyStats> => get(`/api/journeys/${encodeURIComponent(id)}/stats`);
export const listTemplates = (): Promise<{ items: JourneyTemplate[] }> => get('/api/journeys/templates');
export const installTemplate = (key: string): Promise<Journey> => post(`/api/journeys/templates/${encodeURIComponent(key)}`);
