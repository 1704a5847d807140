import { itemRefusal, premiumFor, priceProposal } from './proposal.plan';

describe('proposal plan', () => {
  const ci = { id: 'p1', name: '安心重疾', minCover: 100_000, maxCover: 1_000_000, premiumFrom: 2_800, onSale: true };
  it('prices in proportion to the cover and checks the range', () => {
    expect(premiumFor(ci, 500_000)).toBe(14_000);
    expect(itemRefusal(ci, 2_000_000)).toMatch(/covers/);
    expect(itemRefusal({ ...ci, onSale: false }, 500_000)).toMatch(/not on sale/);
    expect(itemRefusal(undefined, 500_000)).toMatch(/unknown/);
    expect(priceProposal([{ product: ci, cover: 300_000 }, { product: ci, cover: 100_000 }]).totalPremium).toBe(8_400 + 2_800);
  });
});
