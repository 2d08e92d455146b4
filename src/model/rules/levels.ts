// Level gating of a scorecard (ADR 0025): an entity reaches a level only when every rule of that level
// and of every level below passes. An approved, unexpired exemption counts as a pass; an error never does.
import type { CheckStatus } from './evaluateCheck';

export interface RuleOutcome {
  ruleId: string;
  level: string;
  weight: number;
  status: CheckStatus;
  exempt: boolean;
}

export interface LevelResult {
  /** The highest level reached, or null when not even the first one is. */
  level: string | null;
  /** The next level up, if any, and the rules that keep the entity from it. */
  next: { level: string; blocking: string[] } | null;
  /** Weighted share of passing (or exempt) rules, 0–100. */
  score: number;
}

const passes = (o: RuleOutcome) => o.exempt || o.status === 'pass';

/** `levels` are ordered from the lowest to the highest. */
export function levelOf(levels: readonly string[], outcomes: readonly RuleOutcome[]): LevelResult {
  let reached: string | null = null;
  let next: LevelResult['next'] = null;
  for (const level of levels) {
    const blocking = outcomes.filter((o) => o.level === level && !passes(o)).map((o) => o.ruleId);
    if (blocking.length > 0) {
      next = { level, blocking };
      break;
    }
    reached = level;
  }
  const total = outcomes.reduce((n, o) => n + o.weight, 0);
  const passed = outcomes.filter(passes).reduce((n, o) => n + o.weight, 0);
  return { level: reached, next, score: total === 0 ? 100 : Math.round((passed / total) * 1000) / 10 };
}
