import { describe, expect, it } from 'vitest';
import { InOrder } from './in-order';

describe('InOrder', () => {
  it('drops an answer older than the one shown, and shows answers that come in order', () => {
    const order = new InOrder();
    const first = order.ask();
    const second = order.ask();
    expect(second()).toBe(true);
    expect(first()).toBe(false);
    const third = order.ask();
    expect(third()).toBe(true);
  });
});
