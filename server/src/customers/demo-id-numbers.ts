import { composeIdNumber } from './id-number';

/** Region codes (区) of the demo cities; others fall back to Beijing's 东城区. */
const regionByCity: Record<string, string> = {
  北京: '110101',
  上海: '310104',
  广州: '440104',
  深圳: '440304',
  杭州: '330106',
  南京: '320102',
  成都: '510104',
  武汉: '420102',
  西安: '610102',
  苏州: '320505',
};

/**
 * Demo ID numbers for about half of the customers that have a birth date (every other one, by id):
 * the region of their city, their birth date, a sequence from their position; valid checksums.
 */
export function demoIdNumbers(customers: ReadonlyArray<{ id: string; birthDate: string | null; city: string | null; gender: string }>): Array<{ id: string; idNumber: string }> {
  const dated = customers.filter((c) => c.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(c.birthDate)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return dated
    .filter((_, i) => i % 2 === 0)
    .map((c, i) => {
      // The sequence's last digit is odd for men and even for women, as on real cards.
      const seq = (i * 10 + 11) % 1000;
      const sexed = c.gender === 'female' ? seq - (seq % 2) : seq - (seq % 2) + 1;
      return { id: c.id, idNumber: composeIdNumber(regionByCity[c.city ?? ''] ?? '110101', c.birthDate!, sexed) };
    });
}
