import { In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/transaction';
import type { DictionaryTag } from './behaviour-rule.plan';
import { BehaviourRule } from './behaviour-rule.entity';
import { CustomerTag } from './customer-tag.entity';
import { TagGroup } from './tag-group.entity';
import { Tag } from './tag.entity';

/** A behaviour rule's definition rewritten because a tag or group it names was renamed. */
export interface RuleRewrite {
  id: string;
  definition: string;
}

/** The corp's tag dictionary: groups, tags, how many customers carry each. */
export class TagDictionaryRepository {
  constructor(private readonly ds: DataSource) {}

  groups(corpId: string): Promise<TagGroup[]> {
    return this.ds.getRepository(TagGroup).find({ where: { corpId }, order: { sort: 'ASC', createdAt: 'ASC' } });
  }

  tags(corpId: string): Promise<Tag[]> {
    return this.ds.getRepository(Tag).find({ where: { corpId }, order: { sort: 'ASC', createdAt: 'ASC' } });
  }

  /** Every tag with its group, for resolving names: one query. */
  dictionary(corpId: string): Promise<DictionaryTag[]> {
    return this.ds
      .getRepository(Tag)
      .createQueryBuilder('t')
      .innerJoin(TagGroup, 'g', 'g.id = t.group_id')
      .select(['t.id AS "id"', 't.name AS "name"', 'g.id AS "groupId"', 'g.key AS "groupKey"', 'g.name AS "groupName"'])
      .where('t.corp_id = :corpId', { corpId })
      .orderBy('g.sort', 'ASC')
      .addOrderBy('t.sort', 'ASC')
      .getRawMany<DictionaryTag>();
  }

  /** How many (unmerged) customers carry each tag of the corp. */
  async usage(corpId: string): Promise<Map<string, number>> {
    const rows = await this.ds.query<Array<{ tag_id: string; n: number | string }>>(
      'SELECT ct.tag_id AS tag_id, COUNT(*) AS n FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id JOIN customer c ON c.id = ct.customer_id ' +
        'WHERE t.corp_id = ? AND c.merged_into_id IS NULL GROUP BY ct.tag_id',
      [corpId],
    );
    return new Map(rows.map((r) => [r.tag_id, Number(r.n)]));
  }

  group(corpId: string, id: string): Promise<TagGroup | null> {
    return this.ds.getRepository(TagGroup).findOne({ where: { corpId, id } });
  }

  tag(corpId: string, id: string): Promise<Tag | null> {
    return this.ds.getRepository(Tag).findOne({ where: { corpId, id } });
  }

  async hasGroups(corpId: string): Promise<boolean> {
    return (await this.ds.getRepository(TagGroup).count({ where: { corpId } })) > 0;
  }

  async nextGroupSort(corpId: string): Promise<number> {
    const row = await this.ds.getRepository(TagGroup).createQueryBuilder('g').select('MAX(g.sort)', 'max').where('g.corp_id = :corpId', { corpId }).getRawOne<{ max: number | string | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  async nextTagSort(groupId: string): Promise<number> {
    const row = await this.ds.getRepository(Tag).createQueryBuilder('t').select('MAX(t.sort)', 'max').where('t.group_id = :groupId', { groupId }).getRawOne<{ max: number | string | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  /** False when the key is taken. */
  async insertGroup(g: TagGroup): Promise<boolean> {
    return insertUnique(() => this.ds.getRepository(TagGroup).insert(g));
  }

  /** False when the group has a tag of that name already. */
  async insertTag(t: Tag): Promise<boolean> {
    return insertUnique(() => this.ds.getRepository(Tag).insert(t));
  }

  /** Renames or re-sorts a group, rewriting the rules that named it, in one transaction. */
  async updateGroup(id: string, patch: Partial<Pick<TagGroup, 'name' | 'source' | 'sort' | 'wecomGroupId'>>, rules: readonly RuleRewrite[] = []): Promise<void> {
    await this.ds.transaction(async (em) => {
      if (Object.keys(patch).length) await em.getRepository(TagGroup).update({ id }, patch);
      await rewriteRules(em, rules);
    });
  }

  /** Renames or re-sorts a tag, rewriting the rules that named it; false when the name is taken in its group. */
  async updateTag(id: string, patch: Partial<Pick<Tag, 'name' | 'sort' | 'wecomTagId'>>, rules: readonly RuleRewrite[] = []): Promise<boolean> {
    return insertUnique(() =>
      this.ds.transaction(async (em) => {
        if (Object.keys(patch).length) await em.getRepository(Tag).update({ id }, patch);
        await rewriteRules(em, rules);
      }),
    );
  }

  /** Deletes a tag and whatever customer tags a concurrent writer put on meanwhile. */
  async deleteTag(id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.getRepository(CustomerTag).delete({ tagId: id });
      await em.getRepository(Tag).delete({ id });
    });
  }

  /**
   * Creates a whole dictionary at once. False when another process created one first (its groups'
   * keys are unique per corp), in which case nothing of this one is kept.
   */
  async insertDictionary(groups: readonly TagGroup[], tags: readonly Tag[]): Promise<boolean> {
    return insertUnique(() =>
      this.ds.transaction(async (em) => {
        await em.createQueryBuilder().insert().into(TagGroup).values([...groups]).updateEntity(false).execute();
        if (tags.length) await em.createQueryBuilder().insert().into(Tag).values([...tags]).updateEntity(false).execute();
      }),
    );
  }

  /** Tags of a corp by name (several groups may have one name). */
  tagsNamed(corpId: string, name: string): Promise<Tag[]> {
    return this.ds.getRepository(Tag).find({ where: { corpId, name } });
  }

  groupsByIds(ids: readonly string[]): Promise<TagGroup[]> {
    return ids.length ? this.ds.getRepository(TagGroup).find({ where: { id: In([...ids]) } }) : Promise.resolve([]);
  }
}

async function insertUnique(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function rewriteRules(em: EntityManager, rules: readonly RuleRewrite[]): Promise<void> {
  for (const r of rules) await em.getRepository(BehaviourRule).update({ id: r.id }, { definition: r.definition });
}
