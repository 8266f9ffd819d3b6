/**
 * Between the script-tag file's rewards controller (`rewards-controller.ts`) and what the rewards
 * chunk brings (`chunks/rewards.ts`, `rewards-list.ts`): types only, so that neither side imports
 * the other and the chunk stays a chunk.
 */
import type { CSSResult, TemplateResult } from 'lit';
import type { RewardEntry } from '../data/rewards.js';
import type { WallErrorInfo } from '../data/types.js';
import type { Settings } from '../internal/settings.js';
import type { CardContext } from '../templates/card.js';
import type { WallHost } from './visibility-controllers.js';

/** What the list uses of the controller: the wall, its settings, where a failure is told. */
export interface RewardsSource {
  /** Whether rewards are on (an endpoint and a token). */
  readonly _on: boolean;
  readonly _host: WallHost;
  readonly _settings: () => Settings | undefined;
  readonly _failed: (error: WallErrorInfo) => void;
}

/** What the script-tag file uses of the list the rewards chunk brings (`rewards-list.ts`). */
export interface RewardsListView {
  readonly _pending: number;
  /** The entries of the first pages loaded, newest first. */
  readonly _entries: readonly RewardEntry[];
  _reset(): void;
  readonly _refresh: () => void;
  _render(context: CardContext): TemplateResult;
}

/** What the rewards chunk gives (`chunks/rewards.ts`): its list, made for this controller, and its styles. */
export interface RewardsView {
  _list(rewards: RewardsSource): RewardsListView;
  _styles: CSSResult;
}
