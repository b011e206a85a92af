import { PHASE_WORDS, phaseOf, type ChangePhase, type PendingChange } from '../../../../../shared/domain/changes';
import { useT } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';
import { MainText } from '../../../components/ErrorDetails';
import { PHASE_IDS } from '../../pending/phase-words';

/** Which phase an object's marker shows when it has several changes: the one that needs attention first. */
const PRIORITY: ChangePhase[] = ['failed', 'conflicted', 'writing', 'queued', 'written'];


/**
 * Where an object's saved changes are, in the lifecycle's words, next to the
 * object in its list and in its form: "◷ Queued", "↻ Writing", "✓ Written",
 * "✖ Failed: <the server's reason>", "⚠ In conflict"; with several changes
 * "2 changes: Queued".
 */
export function PendingMarker({ changes, brief = false }: { changes: PendingChange[]; /** In a list row: the words without the server's reason (the form has it). */ brief?: boolean }) {
  const t = useT();
  if (changes.length === 0) return null;
  const phases = changes.map((change) => phaseOf(change.state));
  const phase = PRIORITY.find((p) => phases.includes(p)) ?? phases[0]!;
  const failed = changes.find((change) => change.state === 'failed');
  const problem = phase === 'failed' || phase === 'conflicted';
  // The reason: main's sentence by id in the user's language, the server's own words in it shown as sent.
  const words =
    phase === 'failed' && failed?.lastError && !brief ? (
      <Message id="uccx.pending.failedBecause" parts={{ reason: <MainText said={failed.lastErrorMessage} english={failed.lastError} /> }} />
    ) : (
      t(PHASE_IDS[phase])
    );
  return (
    <span className={`pending-marker phase-${phase}${problem ? ' pending-problem' : ''}`}>
      <span aria-hidden="true">{PHASE_WORDS[phase].icon}</span> {changes.length > 1 ? <Message id="uccx.pending.several" values={{ count: changes.length }} parts={{ phase: words }} /> : words}
    </span>
  );
}
