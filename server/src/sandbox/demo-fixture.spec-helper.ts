import { PhoneVault } from '../customers';
import { SequentialIdGenerator } from '../platform/ids';
import { buildDemoData, type DemoData } from './demo-data';

/** The demo tenant as the specs of the demo's history builders start from: `customers` of them, at `now`, same every time. */
export function demoFixture(customers: number, now: Date): DemoData {
  return buildDemoData({
    corpWecomId: 'wwsandbox0000000001',
    customers,
    now,
    ids: new SequentialIdGenerator('demo'),
    staffPasswordHash: 'scrypt$stub',
    protectPhone: (phone) => new PhoneVault('phone-key', '0a'.repeat(32), () => Buffer.alloc(12)).protect(phone),
  });
}
