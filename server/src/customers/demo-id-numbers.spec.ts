import { demoIdNumbers } from './demo-id-numbers';
import { idNumberProblem } from './id-number';

describe('demo ID numbers', () => {
  const customers = Array.from({ length: 10 }, (_, i) => ({ id: `c${i}`, birthDate: i === 3 ? null : `19${80 + i}-0${(i % 9) + 1}-1${i}`, city: i % 2 ? '上海' : '成都', gender: i % 3 ? 'female' : 'male' }));

  it('gives every other dated customer a valid number built from their city and birth date', () => {
    const out = demoIdNumbers(customers);
    expect(out).toHaveLength(5);
    for (const o of out) {
      const c = customers.find((x) => x.id === o.id)!;
      expect(idNumberProblem(o.idNumber)).toBeNull();
      expect(o.idNumber.slice(6, 14)).toBe(c.birthDate!.replace(/-/g, ''));
      expect(o.idNumber.slice(0, 6)).toBe(c.city === '上海' ? '310104' : '510104');
      expect(Number(o.idNumber[16]) % 2).toBe(c.gender === 'female' ? 0 : 1);
    }
    expect(out.map((o) => o.id)).not.toContain('c3');
  });
});
