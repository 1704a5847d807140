import { expectedNodes, nodeCount } from './chat.metric';

/** As the product ships them (playbook's defaultSalesSops): four lines, five nodes each. */
const builtInSopNodes = 5;
const builtIn = new Map(['any', 'critical_illness', 'medical', 'annuity'].map((line) => [line, builtInSopNodes]));

describe('expected key nodes per product line', () => {
  it('uses the built-in SOPs when the corp has none of its own', () => {
    expect(expectedNodes(new Map(), builtIn)).toEqual({
      lines: [
        ['annuity', builtInSopNodes],
        ['critical_illness', builtInSopNodes],
        ['medical', builtInSopNodes],
      ],
      otherwise: builtInSopNodes,
    });
  });
  it('a corp SOP wins for its line; lines without a SOP fall back to the corp’s own any SOP', () => {
    const e = expectedNodes(new Map([['any', 3], ['medical', 4], ['accident', 2]]), builtIn);
    expect(new Map(e.lines)).toEqual(new Map([['accident', 2], ['annuity', 5], ['critical_illness', 5], ['medical', 4]]));
    // e.g. travel_accident: no SOP of its own, no built-in one → the corp's `any` SOP.
    expect(e.otherwise).toBe(3);
  });
  it('counts a stored SOP’s nodes, refusing what is not a JSON array', () => {
    expect(nodeCount('[{"key":"a"},{"key":"b"}]')).toBe(2);
    expect(nodeCount('{}')).toBeNull();
    expect(nodeCount('not json')).toBeNull();
  });
});
