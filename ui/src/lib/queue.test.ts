import { describe, expect, it } from 'vitest';
import { SaveQueue } from './queue';

/** A save that waits until the test answers it, like a call to core. */
function call<T = void>() {
  let answer!: (v: T) => void;
  let refuse!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    answer = res;
    refuse = rej;
  });
  return { promise, answer, refuse };
}
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('a save queue', () => {
  it('runs a save at once when none is on its way', () => {
    const q = new SaveQueue();
    const sent: string[] = [];
    void q.add(async () => void sent.push('a'));
    expect(sent).toEqual(['a']);
    expect(q.busy).toBe(true);
  });

  it('sends every added save in order, each once the one before is answered', async () => {
    const q = new SaveQueue();
    const first = call();
    const sent: string[] = [];
    const a = q.add(() => (sent.push('a'), first.promise));
    const b = q.add(async () => (sent.push('b'), 'b answered'));
    expect(sent).toEqual(['a']);
    expect(q.waiting).toBe(true);
    first.answer();
    await a;
    expect(await b).toBe('b answered');
    expect(sent).toEqual(['a', 'b']);
    expect(q.busy).toBe(false);
  });

  it('goes on after a failed save, and gives its failure to whoever added it', async () => {
    const q = new SaveQueue();
    const a = q.add(() => Promise.reject(new Error('Too long.')));
    const b = q.add(async () => 'stored');
    await expect(a).rejects.toThrow('Too long.');
    expect(await b).toBe('stored');
    expect(q.busy).toBe(false);
  });

  it('is no longer busy by the time the caller hears the answer', async () => {
    const q = new SaveQueue();
    await q.add(async () => {});
    expect(q.busy).toBe(false);
  });

  it('keeps only the newest of the latest saves waiting', async () => {
    const q = new SaveQueue();
    const first = call();
    const sent: number[] = [];
    void q.latest(() => (sent.push(1), first.promise));
    const two = q.latest(async () => void sent.push(2));
    void q.latest(async () => void sent.push(3));
    await two;
    expect(sent).toEqual([1]);
    first.answer();
    await settle();
    expect(sent).toEqual([1, 3]);
    expect(q.busy).toBe(false);
  });

  it('skips a latest save that waited when unless holds at its turn', async () => {
    const q = new SaveQueue();
    const first = call();
    let stored = 0;
    const sent: number[] = [];
    void q.latest(() => (sent.push(5), first.promise.then(() => void (stored = 5))));
    const waited = q.latest(async () => void sent.push(5), () => stored === 5);
    first.answer();
    await waited;
    expect(sent).toEqual([5]);
  });

  it('does not ask unless of a latest save that starts at once', async () => {
    const q = new SaveQueue();
    const sent: number[] = [];
    await q.latest(async () => void sent.push(1), () => true);
    expect(sent).toEqual([1]);
  });

  it('starts the waiting save as soon as the running one is answered, even when it failed', async () => {
    const q = new SaveQueue();
    const first = call();
    const sent: string[] = [];
    void q.latest(() => (sent.push('refused'), first.promise));
    void q.latest(async () => void sent.push('again'));
    first.refuse(new Error('No.'));
    await settle();
    expect(sent).toEqual(['refused', 'again']);
  });
});
