import { matchesQuery, shareable } from './shareable.plan';

describe('shareable', () => {
  it('opens the kind’s page with the item and the inviting agent, in the mini-program and in H5', () => {
    const s = shareable('activity', { id: 'act 1', title: '健康讲座', summary: '周六下午' }, 'staff-9');
    expect(s.page).toBe('pages/activity/index?id=act%201&inviter=staff-9');
    expect(s.url).toBe('/mp/#/pages/activity/index?id=act%201&inviter=staff-9');
    expect(shareable('product', { id: 'p', title: 't', summary: '' }, 'x').page.startsWith('pages/product/index?')).toBe(true);
  });

  it('shortens long summaries for the card', () => {
    expect(shareable('article', { id: 'a', title: 't', summary: '长'.repeat(300) }, 's').summary).toHaveLength(120);
  });

  it('matches a query on title or summary, ignoring case', () => {
    expect(matchesQuery({ title: 'Critical 重疾', summary: '' }, 'critical')).toBe(true);
    expect(matchesQuery({ title: '医疗', summary: '百万医疗险' }, '百万')).toBe(true);
    expect(matchesQuery({ title: '医疗', summary: '' }, '年金')).toBe(false);
    expect(matchesQuery({ title: '医疗', summary: '' }, undefined)).toBe(true);
  });
});
