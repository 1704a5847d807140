import { In, type DataSource } from 'typeorm';
import { Product } from '../customers';
import { ContentArticle } from '../playbook';
import { MpAssessment, MpProposal } from './proposal.entity';
import { changedRows } from '../db/changed-rows';
import { toDbTime } from '../db/naming';
import { asInsert } from '../db/transaction';

/** What the content pages read (articles, products) and what they write (proposals, assessments). */
export class ContentRepository {
  constructor(private readonly ds: DataSource) {}

  async articles(corpId: string, tag: string | undefined): Promise<ContentArticle[]> {
    const repo = this.ds.getRepository(ContentArticle);
    const base = { corpId };
    const where = tag ? [{ ...base, category: tag as ContentArticle['category'] }, { ...base, productLine: tag }] : [base];
    return repo.find({ where, order: { publishedAt: 'DESC', id: 'ASC' }, take: 100 });
  }

  async article(corpId: string, id: string): Promise<ContentArticle | null> {
    return this.ds.getRepository(ContentArticle).findOne({ where: { corpId, id } });
  }

  async products(corpId: string, line: string | undefined): Promise<Product[]> {
    return this.ds.getRepository(Product).find({ where: { corpId, onSale: true, ...(line ? { line: line as Product['line'] } : {}) }, order: { line: 'ASC', premiumFrom: 'ASC' } });
  }

  async productsById(corpId: string, ids: readonly string[]): Promise<Map<string, Product>> {
    if (!ids.length) return new Map();
    const rows = await this.ds.getRepository(Product).find({ where: { corpId, id: In([...new Set(ids)]) } });
    return new Map(rows.map((p) => [p.id, p]));
  }

  async insertProposal(p: MpProposal): Promise<void> {
    await this.ds.getRepository(MpProposal).insert(asInsert(p));
  }

  async proposal(corpId: string, id: string): Promise<MpProposal | null> {
    return this.ds.getRepository(MpProposal).findOne({ where: { corpId, id } });
  }

  /** A customer's proposals, newest first. */
  async proposalsOf(corpId: string, customerId: string): Promise<MpProposal[]> {
    return this.ds.getRepository(MpProposal).find({ where: { corpId, customerId }, order: { createdAt: 'DESC', id: 'ASC' }, take: 50 });
  }

  /** Counts one more opening and answers the count, this one included. */
  async viewed(id: string, at: Date): Promise<number> {
    await changedRows(this.ds.manager, 'UPDATE mp_proposal SET views = views + 1, last_viewed_at = ? WHERE id = ?', [toDbTime(at), id]);
    return (await this.ds.getRepository(MpProposal).findOne({ where: { id }, select: { views: true } }))?.views ?? 1;
  }

  async insertAssessment(a: MpAssessment): Promise<void> {
    await this.ds.getRepository(MpAssessment).insert(asInsert(a));
  }
}
