import type { SearchHit, VectorIndex } from './vector-index.js';

/**
 * A fixed-size min-heap of (score, position): the root is the weakest of the best k so far, so
 * each candidate costs one comparison and, rarely, a log(k) sift. O(n log k) instead of a sort.
 */
class BestK {
  private readonly scores: Float64Array;
  private readonly positions: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.positions = new Int32Array(capacity);
  }

  offer(score: number, position: number): void {
    if (this.size < this.capacity) {
      this.siftUp(this.size++, score, position);
    } else if (score > (this.scores[0] as number)) {
      this.siftDown(score, position);
    }
  }

  /** The kept entries, best first. */
  sorted(): Array<{ score: number; position: number }> {
    const entries = [];
    for (let i = 0; i < this.size; i++) {
      entries.push({ score: this.scores[i] as number, position: this.positions[i] as number });
    }
    return entries.sort((a, b) => b.score - a.score || a.position - b.position);
  }

  private siftUp(slot: number, score: number, position: number): void {
    let child = slot;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if ((this.scores[parent] as number) <= score) break;
      this.scores[child] = this.scores[parent] as number;
      this.positions[child] = this.positions[parent] as number;
      child = parent;
    }
    this.scores[child] = score;
    this.positions[child] = position;
  }

  /** Replaces the root (the current minimum) and restores the heap order below it. */
  private siftDown(score: number, position: number): void {
    let parent = 0;
    for (;;) {
      let child = 2 * parent + 1;
      if (child >= this.size) break;
      const right = child + 1;
      if (right < this.size && (this.scores[right] as number) < (this.scores[child] as number)) child = right;
      if ((this.scores[child] as number) >= score) break;
      this.scores[parent] = this.scores[child] as number;
      this.positions[parent] = this.positions[child] as number;
      parent = child;
    }
    this.scores[parent] = score;
    this.positions[parent] = position;
  }
}

/** Exact top-k by cosine similarity; `query` must be unit length and as wide as the index. */
export function searchTopK(index: VectorIndex, query: Float32Array, k: number): SearchHit[] {
  const { vectors, dimensions, tools } = index;
  const best = new BestK(Math.min(k, tools.length));
  for (let position = 0; position < tools.length; position++) {
    const offset = position * dimensions;
    let dot = 0;
    // Typed-array reads are in bounds by construction; `as number` only silences the index check.
    for (let d = 0; d < dimensions; d++) dot += (vectors[offset + d] as number) * (query[d] as number);
    best.offer(dot, position);
  }
  return best.sorted().map(({ score, position }) => {
    const tool = tools[position] ?? { id: '?', name: '?' };
    return { id: tool.id, name: tool.name, score };
  });
}
