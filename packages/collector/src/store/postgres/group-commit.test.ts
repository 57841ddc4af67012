import { describe, expect, it } from 'vitest';
import { StoreClosedError } from '../errors.js';
import { createGroupCommit } from './group-commit.js';

const sqlError = (code: string) => Object.assign(new Error(code), { code });

describe('postgres group commit', () => {
  it('runs jobs queued together in one group, each resolved with its own output', async () => {
    const groups: number[][] = [];
    const commit = createGroupCommit<number, number>(async (inputs) => {
      groups.push([...inputs]);
      return inputs.map((input) => input * 10);
    });
    const outputs = await Promise.all([1, 2, 3].map((input) => commit.run(input)));
    expect(outputs).toEqual([10, 20, 30]);
    expect(groups).toEqual([[1, 2, 3]]);
  });

  it('keeps at most maxInFlight groups running; jobs arriving meanwhile form the next group', async () => {
    const groups: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const commit = createGroupCommit<number, number>(
      async (inputs) => {
        groups.push([...inputs]);
        if (groups.length === 1) await gate;
        return [...inputs];
      },
      { maxInFlight: 1 },
    );
    const first = commit.run(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((input) => commit.run(input));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(groups).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('retries a group after a deadlock', async () => {
    let calls = 0;
    const commit = createGroupCommit<number, number>(async (inputs) => {
      calls += 1;
      if (calls === 1) throw sqlError('40P01');
      return [...inputs];
    });
    expect(await commit.run(7)).toBe(7);
    expect(calls).toBe(2);
  });

  it('isolates a data error to the job that caused it: the others of its group commit alone', async () => {
    const commit = createGroupCommit<number, number>(async (inputs) => {
      if (inputs.includes(13)) throw sqlError('22P05');
      return [...inputs];
    });
    const results = await Promise.allSettled([1, 13, 2].map((input) => commit.run(input)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('rejects every job of a group that lost its connection (none is acknowledged)', async () => {
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), {});
    const commit = createGroupCommit<number, number>(async () => {
      throw lost;
    });
    const results = await Promise.allSettled([1, 2].map((input) => commit.run(input)));
    expect(results).toEqual([
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
    ]);
  });

  it('finishes queued jobs on close and rejects later ones', async () => {
    const commit = createGroupCommit<number, number>(async (inputs) => [...inputs]);
    const pending = commit.run(1);
    await commit.close();
    expect(await pending).toBe(1);
    await expect(commit.run(2)).rejects.toThrow(StoreClosedError);
  });
});
