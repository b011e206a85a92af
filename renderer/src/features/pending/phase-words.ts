import type { ChangePhase } from '../../../../shared/domain/changes';
import type { MessageId } from '../../i18n/i18n';

/** A change's place in its lifecycle, in words: the same on Pending changes and at a form's pending marker. */
export const PHASE_IDS: Readonly<Record<ChangePhase | 'notPermitted', MessageId>> = {
  editing: 'pending.phase.editing',
  queued: 'pending.phase.queued',
  writing: 'pending.phase.writing',
  written: 'pending.phase.written',
  failed: 'pending.phase.failed',
  conflicted: 'pending.phase.conflicted',
  discarded: 'pending.phase.discarded',
  notPermitted: 'pending.phase.notPermitted',
};
