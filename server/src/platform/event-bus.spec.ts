import { EventBus } from './event-bus';

interface Events {
  'customer.created': { customerId: string };
  'tag.added': { tagId: string; count: number };
}

describe('EventBus', () => {
  it('runs handlers one after another in subscription order with the payload', async () => {
    const bus = new EventBus<Events>(() => undefined);
    const calls: string[] = [];
    bus.on('customer.created', async (p) => {
      await Promise.resolve();
      calls.push(`first:${p.customerId}`);
    });
    bus.on('customer.created', (p) => {
      calls.push(`second:${p.customerId}`);
    });
    bus.on('tag.added', (p) => {
      calls.push(`tag:${p.tagId}:${p.count}`);
    });
    await bus.publish('customer.created', { customerId: 'c1' });
    expect(calls).toEqual(['first:c1', 'second:c1']);
    await bus.publish('tag.added', { tagId: 't1', count: 2 });
    expect(calls).toEqual(['first:c1', 'second:c1', 'tag:t1:2']);
  });

  it('reports a failing handler and still runs the next one', async () => {
    const errors: [string, unknown][] = [];
    const bus = new EventBus<Events>((event, error) => errors.push([event, error]));
    const boom = new Error('boom');
    const seen: string[] = [];
    bus.on('customer.created', () => {
      throw boom;
    });
    bus.on('customer.created', async () => Promise.reject(new Error('async boom')));
    bus.on('customer.created', (p) => {
      seen.push(p.customerId);
    });
    await expect(bus.publish('customer.created', { customerId: 'c2' })).resolves.toBeUndefined();
    expect(seen).toEqual(['c2']);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toEqual(['customer.created', boom]);
    expect((errors[1]![1] as Error).message).toBe('async boom');
  });

  it('stops calling a handler after unsubscribing, leaving the others', async () => {
    const bus = new EventBus<Events>(() => undefined);
    const a = jest.fn();
    const b = jest.fn();
    const offA = bus.on('customer.created', a);
    bus.on('customer.created', b);
    expect(bus.listenerCount('customer.created')).toBe(2);
    offA();
    expect(bus.listenerCount('customer.created')).toBe(1);
    await bus.publish('customer.created', { customerId: 'c3' });
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith({ customerId: 'c3' });
  });

  it('publishing an event with no handlers is a no-op', async () => {
    const onError = jest.fn();
    await new EventBus<Events>(onError).publish('tag.added', { tagId: 't', count: 0 });
    expect(onError).not.toHaveBeenCalled();
  });
});
