/**
 * A proposal (计划书) an agent puts together: each product at a cover within its range, priced from
 * the product's lowest premium (which buys its lowest cover) in proportion to the cover.
 */

export interface PricedProduct {
  id: string;
  name: string;
  minCover: number;
  maxCover: number;
  premiumFrom: number;
  onSale: boolean;
}

export function premiumFor(p: PricedProduct, cover: number): number {
  return Math.round((p.premiumFrom * cover) / Math.max(1, p.minCover));
}

/** Why an item cannot go into a proposal, or null. */
export function itemRefusal(p: PricedProduct | undefined, cover: number): string | null {
  if (!p) return 'unknown product';
  if (!p.onSale) return `${p.name} is not on sale`;
  if (cover < p.minCover || cover > p.maxCover) return `${p.name} covers ${p.minCover}–${p.maxCover}`;
  return null;
}

export function priceProposal(items: ReadonlyArray<{ product: PricedProduct; cover: number }>): { items: Array<{ productId: string; cover: number; premium: number }>; totalPremium: number } {
  const priced = items.map((i) => ({ productId: i.product.id, cover: i.cover, premium: premiumFor(i.product, i.cover) }));
  return { items: priced, totalPremium: priced.reduce((s, i) => s + i.premium, 0) };
}
