import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/db/group-commit.js';

/** Lets every promise reaction queued so far run (the waiters, the start of the next flush). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

/** A flush the test finishes by hand, recording when each one started and ended. */
function manualFlushes() {
  const log = { started: 0, finished: 0 };
  const pending: (() => void)[] = [];
  const fail: ((e: Error) => void)[] = [];
  const flush = () =>
    new Promise<void>((resolve, reject) => {
      log.started++;
      pending.push(() => {
        log.finished++;
        resolve();
      });
      fail.push(reject);
    });
  const finishNext = async () => {
    pending.shift()!();
    fail.shift();
    await settled();
  };
  const failNext = async (e: Error) => {
    pending.shift();
    fail.shift()!(e);
    await settled();
  };
  return { log, flush, finishNext, failNext };
}

describe('GroupCommit', () => {
  it('serves many concurrent waiters with two flushes: the one in flight and the next', async () => {
    const m = manualFlushes();
    const group = new GroupCommit(m.flush);
    const done: number[] = [];
    const waiters = Array.from({ length: 100 }, (_, i) => group.wait().then(() => done.push(i)));
    expect(m.log.started).toBe(1);
    await m.finishNext();
    expect(done).toEqual([0]);
    expect(m.log.started).toBe(2);
    await m.finishNext();
    await Promise.all(waiters);
    expect(done).toHaveLength(100);
    expect(group.flushes).toBe(2);
  });

  it('never acknowledges a waiter with a flush that started before it called', async () => {
    const m = manualFlushes();
    const group = new GroupCommit(m.flush);
    const first = group.wait();
    let secondDone = false;
    const second = group.wait().then(() => {
      secondDone = true;
    });
    await m.finishNext();
    await first;
    // The first flush was already running when the second caller committed.
    expect(secondDone).toBe(false);
    await m.finishNext();
    await second;
    expect(secondDone).toBe(true);
  });

  it('holds under random arrivals: each waiter is covered by a flush started after its call', async () => {
    let started = 0;
    const finishedStarts: number[] = [];
    const group = new GroupCommit(async () => {
      const myStart = ++started;
      await new Promise((r) => setTimeout(r, Math.random() * 3));
      finishedStarts.push(myStart);
    });
    const waiters: Promise<void>[] = [];
    for (let i = 0; i < 300; i++) {
      const startedAtCall = started;
      waiters.push(
        group.wait().then(() => {
          // Some flush that began after this call (number > startedAtCall) has finished.
          expect(finishedStarts.some((s) => s > startedAtCall)).toBe(true);
        }),
      );
      if (Math.random() < 0.2) await new Promise((r) => setTimeout(r, Math.random() * 2));
    }
    await Promise.all(waiters);
    expect(group.flushes).toBeLessThan(300);
  });

  it('rejects the waiters of a failed flush and carries on with the next', async () => {
    const m = manualFlushes();
    const group = new GroupCommit(m.flush);
    const first = group.wait();
    const second = group.wait();
    await m.failNext(new Error('EIO'));
    await expect(first).rejects.toThrow('EIO');
    await m.finishNext();
    await expect(second).resolves.toBeUndefined();
    const third = group.wait();
    await m.finishNext();
    await expect(third).resolves.toBeUndefined();
  });
});
