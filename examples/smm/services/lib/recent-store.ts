/**
 * An in-memory map that forgets its oldest entries past a size limit, so a long load test cannot
 * grow a demo service without bound. Map keeps insertion order, which makes "oldest" cheap.
 */
export class RecentStore<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): T | undefined {
    return this.entries.get(id);
  }

  set(id: string, value: T): void {
    this.entries.set(id, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done === true) break;
      this.entries.delete(oldest.value);
    }
  }

  values(): IterableIterator<T> {
    return this.entries.values();
  }

  /** The first `limit` entries in insertion order. */
  list(limit: number): T[] {
    const page: T[] = [];
    for (const value of this.entries.values()) {
      if (page.length >= limit) break;
      page.push(value);
    }
    return page;
  }
}

/** Short ids that are unique per process and reproducible under SMM_SEED: `<prefix>_<seq><random>`. */
export function createIdGenerator(prefix: string, random: () => number): () => string {
  let sequence = 0;
  return () => {
    sequence += 1;
    const suffix = Math.floor(random() * 0x1000000)
      .toString(16)
      .padStart(6, '0');
    return `${prefix}_${sequence.toString(36)}${suffix}`;
  };
}

/** Reads `?limit=` for list endpoints: default 100, clamped to 1..1000. */
export function readListLimit(query: URLSearchParams): number {
  const value = Number(query.get('limit') ?? '100');
  if (!Number.isInteger(value)) return 100;
  return Math.min(1000, Math.max(1, value));
}
