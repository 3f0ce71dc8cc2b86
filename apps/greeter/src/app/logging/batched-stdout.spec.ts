import { BatchedStdout } from './batched-stdout';

describe('BatchedStdout', () => {
  it('writes the lines of one turn of the event loop in a single write, in order', async () => {
    const writes: string[] = [];
    const out = new BatchedStdout({ write: (chunk: string) => writes.push(chunk) });

    out.write('a\n');
    out.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));

    expect(writes).toEqual(['a\nb\n']);
  });

  it('writes what is pending at once on flush, and nothing twice', async () => {
    const writes: string[] = [];
    const out = new BatchedStdout({ write: (chunk: string) => writes.push(chunk) });

    out.write('c\n');
    out.flush();
    await new Promise((resolve) => setImmediate(resolve));

    expect(writes).toEqual(['c\n']);
  });
});
