/** A game day's results as plain data: `gameday.json`, and what the HTML timeline draws. */
export interface GamedayAlertInterval {
  alertname: string;
  sloId: string;
  service: string;
  severity: string;
  tier: string;
  startMs: number;
  endMs?: number;
}

export interface GamedayDocument {
  schemaVersion: 1;
  kind: 'perfgate-gameday';
  passed: boolean;
  /** True for a run with the faults planned but not injected. */
  control: boolean;
  timeScale: number;
  intervalMs: number;
  /** How the windows were scaled, in words (the report states it, never silently). */
  scale: string[];
  rulesFile: string;
  faults: { name: string; service?: string; description: string; fromMs: number; toMs: number | null }[];
  expectations: {
    slo: string;
    sloId: string;
    alert: string;
    severity: string;
    fault: string;
    held: boolean;
    timeToFireMs: number | null;
    timeToResolveMs: number | null;
    fireWithinMs: number;
    fireDeadlineMs: number;
    resolveWithinMs: number | null;
    resolveDeadlineMs: number | null;
    budgetSpent: number | null;
    gate: string | null;
    gateVerdict: string | null;
    problems: string[];
  }[];
  falsePages: GamedayAlertInterval[];
  alerts: GamedayAlertInterval[];
  /** Burn rate (shortest window) per SLO id, sampled every interval: [ms since load start, burn rate]. */
  burn: { sloId: string; points: [number, number][] }[];
  endedAtMs: number;
}
