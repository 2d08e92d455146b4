export { createScorecards, type Scorecards } from './scorecards.module';
export type { ScorecardsService } from './scorecards.service';
export type { ExemptionsService } from './scorecards.exemptions.service';
