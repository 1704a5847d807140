import { heatColour } from './heat';

describe('retention heat colours', () => {
  it('colours the best cell deepest, with white text, and a small rate faintly with dark text', () => {
    expect(heatColour(0.4, 0.4)).toEqual({ background: 'rgba(0, 82, 217, 0.90)', color: '#fff' });
    expect(heatColour(0.04, 0.4)).toEqual({ background: 'rgba(0, 82, 217, 0.14)', color: '#1f2329' });
  });
  it('greys out a day that has not come yet, and copes with an all-zero table', () => {
    expect(heatColour(null, 0.5).color).toBe('#c9cdd4');
    expect(heatColour(0, 0)).toEqual({ background: 'rgba(0, 82, 217, 0.06)', color: '#1f2329' });
  });
});
