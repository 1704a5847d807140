import { counterDefinition, counterKey, countersFor, eventCounterKey, matchesWhere } from './counter-key';

describe('counter keys', () => {
  it('names a plain event counter after the event', () => {
    expect(counterKey('view_product')).toBe('event:view_product');
    expect(counterKey('view_product', {})).toBe('event:view_product');
  });

  it('gives one key to a filter whatever the order of its properties', () => {
    expect(counterKey('view_product', { line: 'critical_illness', page: 'detail' })).toBe(counterKey('view_product', { page: 'detail', line: 'critical_illness' }));
    expect(counterKey('view_product', { line: 'medical' })).not.toBe(counterKey('view_product', { line: 'critical_illness' }));
  });

  it('hashes filters too long for the column', () => {
    const key = counterKey('view_product', { description: 'x'.repeat(100) });
    expect(key).toMatch(/^f:[0-9a-f]{40}$/);
  });

  it('matches properties as text and needs every filtered property', () => {
    expect(matchesWhere({ line: 'medical', amount: 3 }, { amount: '3' })).toBe(true);
    expect(matchesWhere({ line: 'medical' }, { line: 'medical', amount: 3 })).toBe(false);
  });

  it('counts an event under its own key and each matching filter', () => {
    const ci = counterDefinition('view_product', { line: 'critical_illness' });
    const med = counterDefinition('view_product', { line: 'medical' });
    expect(countersFor('view_product', { line: 'critical_illness' }, [ci, med])).toEqual([eventCounterKey('view_product'), ci.key]);
    expect(countersFor('check_in', { line: 'critical_illness' }, [ci, med])).toEqual(['event:check_in']);
  });
});
