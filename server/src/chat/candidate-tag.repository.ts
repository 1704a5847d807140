import type { DataSource } from 'typeorm';
import { CandidateTagRow } from './candidate-tag.entity';

/** Candidate tags: refreshed counts for pending phrases; an admin's accept or reject is kept. */
export class CandidateTagRepository {
  constructor(private readonly ds: DataSource) {}

  async upsert(corpId: string, rows: Array<{ phrase: string; customers: number; count: number; examples: string[] }>, at: Date, newId: () => string): Promise<void> {
    const repo = this.ds.getRepository(CandidateTagRow);
    for (const r of rows) {
      const phrase = r.phrase.slice(0, 40);
      const existing = await repo.findOneBy({ corpId, phrase });
      if (existing && existing.status !== 'pending') continue;
      await repo.save({ ...(existing ?? { id: newId(), corpId, phrase, status: 'pending' as const }), customers: r.customers, count: r.count, examples: JSON.stringify(r.examples.slice(0, 3)), updatedAt: at });
    }
  }

  list(corpId: string, status: CandidateTagRow['status']): Promise<CandidateTagRow[]> {
    return this.ds.getRepository(CandidateTagRow).find({ where: { corpId, status }, order: { customers: 'DESC', count: 'DESC' }, take: 200 });
  }

  find(corpId: string, id: string): Promise<CandidateTagRow | null> {
    return this.ds.getRepository(CandidateTagRow).findOneBy({ corpId, id });
  }

  async setStatus(id: string, status: CandidateTagRow['status'], at: Date): Promise<void> {
    await this.ds.getRepository(CandidateTagRow).update({ id }, { status, updatedAt: at });
  }
}
