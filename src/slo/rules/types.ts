/** Prometheus rule files as plain data (the CLI prints them as YAML). */
export interface RecordingRule {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RuleGroup {
  name: string;
  rules: (RecordingRule | AlertingRule)[];
}

export interface RuleFile {
  groups: RuleGroup[];
}

export const BURN_ALERT = 'ErrorBudgetBurn';
export const ABSENT_ALERT = 'SLODataAbsent';
export const BUDGET_LOW_ALERT = 'ErrorBudgetLow';
