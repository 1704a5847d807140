import type { Proposal, ProposalInput, ProposalList } from '@lodestar/shared';
import { get, post } from './http';

export const listProposals = async (customerId: string): Promise<Proposal[]> => (await get<ProposalList>('/api/proposals', { customerId })).items;
export const createProposal = (input: ProposalInput): Promise<Proposal> => post('/api/proposals', input);

/** The mini-program page that opens a proposal, and its H5 twin. */
export const proposalPage = (id: string): string => `pages/proposal/index?id=${encodeURIComponent(id)}`;
export const proposalUrl = (id: string): string => `/mp/#/${proposalPage(id)}`;

/** The cover bounds a refusal names ("<product> covers 100000–1000000"), so the form can show them. */
export function coverBoundsFromError(message: string): { min: number; max: number } | null {
  const m = /covers (\d+)\s*[–-]\s*(\d+)/.exec(message);
  return m ? { min: Number(m[1]), max: Number(m[2]) } : null;
}
