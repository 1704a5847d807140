import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { ContentArticle } from './content-article.entity';
import { TalkScript } from './talk-script.entity';

/** Talk scripts by trigger and articles by product line, for what the agent should say now. */
export class ScriptLibraryRepository {
  constructor(private readonly ds: DataSource) {}

  scripts(corpId: string, triggers: readonly string[], limit: number): Promise<TalkScript[]> {
    if (!triggers.length) return Promise.resolve([]);
    return this.ds.getRepository(TalkScript).find({ where: { corpId, trigger: In([...triggers]) }, take: limit * 4 });
  }

  articles(corpId: string, productLines: readonly string[], limit: number): Promise<ContentArticle[]> {
    if (!productLines.length) return Promise.resolve([]);
    return this.ds.getRepository(ContentArticle).find({ where: { corpId, productLine: In([...productLines]) }, order: { publishedAt: 'DESC' }, take: limit });
  }

  async addScript(row: TalkScript): Promise<void> {
    await this.ds.getRepository(TalkScript).insert(row);
  }
}
