import { composeIdNumber, idNumberProblem, maskIdNumber, normaliseIdNumber } from './id-number';

describe('ID numbers', () => {
  // The GB 11643 example number; its check character is X.
  const valid = '11010519491231002X';

  it('accepts a number whose check character matches (lower-case x and spaces too)', () => {
    expect(idNumberProblem(valid)).toBeNull();
    expect(normaliseIdNumber('110105 19491231 002x')).toBe(valid);
  });

  it('names what is wrong with a bad number', () => {
    expect(idNumberProblem('110105194912310021')).toMatch(/check digit/);
    expect(idNumberProblem('11010519491331002X')).toMatch(/birth date/);
    expect(idNumberProblem('11010519490230002X')).toMatch(/birth date/);
    expect(idNumberProblem('12345')).toMatch(/18 characters/);
    expect(idNumberProblem('010105194912310021')).toMatch(/region/);
    expect(normaliseIdNumber('110105194912310021')).toBeNull();
  });

  it('masks the birth date and sequence, keeping region and last four', () => {
    expect(maskIdNumber(valid)).toBe('110105********002X');
    expect(maskIdNumber('short')).toBe('****');
  });

  it('composes valid numbers for demo data', () => {
    const id = composeIdNumber('310104', '1988-06-15', 37);
    expect(id.slice(0, 17)).toBe('31010419880615037');
    expect(idNumberProblem(id)).toBeNull();
  });
});
