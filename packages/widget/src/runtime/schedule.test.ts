import { afterEach, describe, expect, it, vi } from 'vitest';
import { survey } from '../../test/helpers.js';
import { createSchedule } from './schedule.js';

afterEach(() => {
  vi.useRealTimers();
});

const account = survey({
  id: 'account',
  triggers: [{ on: 'pageview', delayMs: 5000, url: { include: ['/account*'] } }],
});
const purchase = survey({ id: 'purchase', triggers: [{ on: 'event', event: 'purchase' }] });

describe('createSchedule', () => {
  it('fires each triggered survey after its delay, once even when signalled twice', async () => {
    vi.useFakeTimers();
    const schedule = createSchedule();
    const fire = vi.fn();
    schedule.add([account, purchase], { on: 'pageview' }, '/account', fire);
    schedule.add([account, purchase], { on: 'pageview' }, '/account/orders', fire);
    await vi.advanceTimersByTimeAsync(4999);
    expect(fire).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fire.mock.calls).toEqual([[account]]);
    schedule.add([account, purchase], { on: 'event', event: 'purchase' }, '/checkout', fire);
    await vi.advanceTimersByTimeAsync(0);
    expect(fire.mock.calls).toEqual([[account], [purchase]]);
  });

  it('on navigation cancels only the surveys whose URL rules no longer match', async () => {
    vi.useFakeTimers();
    const schedule = createSchedule();
    const fire = vi.fn();
    const anywhere = survey({ id: 'anywhere', triggers: [{ on: 'pageview', delayMs: 5000 }] });
    schedule.add([account, anywhere], { on: 'pageview' }, '/account', fire);
    schedule.cancel('/account/orders');
    schedule.cancel('/checkout');
    await vi.advanceTimersByTimeAsync(6000);
    expect(fire.mock.calls).toEqual([[anywhere]]);
    // A cancelled survey can be armed again.
    schedule.add([account], { on: 'pageview' }, '/account', fire);
    await vi.advanceTimersByTimeAsync(6000);
    expect(fire).toHaveBeenCalledWith(account);
  });

  it('cancel() without a path cancels everything', async () => {
    vi.useFakeTimers();
    const schedule = createSchedule();
    const fire = vi.fn();
    schedule.add([account, purchase], { on: 'pageview' }, '/account', fire);
    schedule.cancel();
    await vi.advanceTimersByTimeAsync(6000);
    expect(fire).not.toHaveBeenCalled();
  });
});
