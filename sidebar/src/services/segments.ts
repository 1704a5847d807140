import type { SegmentInput, SegmentMembers, SegmentRule, SegmentView } from '@lodestar/shared';
import { del, get, post, put, seg } from './http';

export interface SegmentPreview {
  count: number;
  sample: Array<{ id: string; name: string }>;
}

export const listSegments = async (): Promise<SegmentView[]> => (await get<{ items: SegmentView[] }>('/api/segments')).items;
export const getSegment = (id: string): Promise<SegmentView> => get(`/api/segments/${seg(id)}`);
export const createSegment = (input: SegmentInput): Promise<SegmentView> => post('/api/segments', input);
export const updateSegment = (id: string, input: SegmentInput): Promise<SegmentView> => put(`/api/segments/${seg(id)}`, input);
export const deleteSegment = (id: string): Promise<{ id: string; deleted: true }> => del(`/api/segments/${seg(id)}`);
export const previewSegment = (rule: SegmentRule): Promise<SegmentPreview> => post('/api/segments/preview', { rule });
export const segmentMembers = (id: string, limit: number, offset: number): Promise<SegmentMembers> => get(`/api/segments/${seg(id)}/members`, { limit, offset });
