/**
 * Collects log lines and writes them to stdout in one write per turn of the
 * event loop: one syscall per line was the largest cost per request under
 * load. `flush()` writes what is pending at once; it runs on process exit,
 * and the Lambda handler calls it before returning, since a frozen execution
 * environment would hold the lines until the next invoke, or lose them.
 */
export class BatchedStdout {
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly stream: { write(chunk: string): unknown } = process.stdout) {
    process.once('exit', () => this.flush());
  }

  readonly write = (line: string): void => {
    this.pending.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  };

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.stream.write(chunk);
  }
}
