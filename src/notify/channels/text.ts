/** Cuts text to at most `max` characters, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Links may be report paths on disk; only http(s) URLs can be made clickable. */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
