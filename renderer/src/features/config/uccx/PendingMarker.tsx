import { PHASE_WORDS, phaseOf, type ChangePhase, type PendingChange } from '../../../../../shared/domain/changes';

/** Which phase an object's marker shows when it has several changes: the one that needs attention first. */
const PRIORITY: ChangePhase[] = ['failed', 'conflicted', 'writing', 'queued', 'written'];

/**
 * Where an object's saved changes are, in the lifecycle's words, next to the
 * object in its list and in its form: "◷ Queued", "↻ Writing", "✓ Written",
 * "✖ Failed: <the server's reason>", "⚠ In conflict".
 */
export function PendingMarker({ changes, brief = false }: { changes: PendingChange[]; /** In a list row: the words without the server's reason (the form has it). */ brief?: boolean }) {
  if (changes.length === 0) return null;
  const phases = changes.map((change) => phaseOf(change.state));
  const phase = PRIORITY.find((p) => phases.includes(p)) ?? phases[0]!;
  const words = PHASE_WORDS[phase];
  const failed = changes.find((change) => change.state === 'failed');
  const problem = phase === 'failed' || phase === 'conflicted';
  return (
    <span className={`pending-marker phase-${phase}${problem ? ' pending-problem' : ''}`}>
      <span aria-hidden="true">{words.icon}</span> {changes.length > 1 ? `${changes.length} changes: ` : ''}
      {words.word}
      {phase === 'failed' && failed?.lastError && !brief ? `: ${failed.lastError}` : ''}
    </span>
  );
}
