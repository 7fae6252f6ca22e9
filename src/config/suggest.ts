import { editDistance } from '../stats/edit-distance.js';

/**
 * The candidate closest to `word`, if it is close enough to be a plausible typo: at most a third
 * of the longer word's letters differ (case-insensitive), or one contains the other.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const candidateLower = candidate.toLowerCase();
    const distance = editDistance(lower, candidateLower);
    const limit = Math.max(1, Math.floor(Math.max(lower.length, candidateLower.length) / 3));
    const contains = lower.length >= 3 && (candidateLower.includes(lower) || lower.includes(candidateLower));
    if ((distance <= limit || contains) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` — did you mean "${match}"?`;
}
