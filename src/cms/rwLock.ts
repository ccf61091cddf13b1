/**
 * A read-write lock for the CMS API: reads run side by side, a write runs
 * alone (no read sees a half-written file, and two saves to one file never
 * interleave: the second starts when the first has finished).
 */
export class RwLock {
  private readers = 0;
  private writing = false;
  private queue: { write: boolean; start: () => void }[] = [];

  async read<T>(run: () => Promise<T>): Promise<T> {
    await this.acquire(false);
    try {
      return await run();
    } finally {
      this.readers--;
      this.next();
    }
  }

  async write<T>(run: () => Promise<T>): Promise<T> {
    await this.acquire(true);
    try {
      return await run();
    } finally {
      this.writing = false;
      this.next();
    }
  }

  private acquire(write: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push({ write, start: resolve });
      this.next();
    });
  }

  /** Starts waiting work in arrival order: a write waits for all before it; reads after a waiting write wait too. */
  private next(): void {
    while (this.queue.length && !this.writing) {
      const head = this.queue[0];
      if (head.write) {
        if (this.readers > 0) return;
        this.queue.shift();
        this.writing = true;
        head.start();
        return;
      }
      this.queue.shift();
      this.readers++;
      head.start();
    }
  }
}
