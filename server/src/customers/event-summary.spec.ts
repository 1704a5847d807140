import { summariseEvent } from './event-summary';

describe('summariseEvent', () => {
  it('names known events in words with the product line and the product', () => {
    expect(summariseEvent('view_product', { product_line: 'critical_illness', product_name: '安心重疾 2026', $url: 'x' })).toBe('浏览产品 · 重疾险 · 安心重疾 2026');
  });

  it('uses the page title, or the path when there is no title', () => {
    expect(summariseEvent('$pageview', { $title: '重疾险怎么选' })).toBe('浏览页面 · 重疾险怎么选');
    expect(summariseEvent('$pageview', { $url_path: '/articles/42' })).toBe('浏览页面 · /articles/42');
  });

  it('keeps unknown event names as they are', () => {
    expect(summariseEvent('claim_submitted', {})).toBe('claim_submitted');
  });
});
