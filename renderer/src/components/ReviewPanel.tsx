import { useId, useState, type ReactNode } from 'react';
import type { FieldMap } from '../../../shared/domain/changes';
import { DiffView } from './DiffView';

export interface ReviewPanelProps {
  /** The panel's accessible name. */
  label: string;
  /** `group` inside a form that the panel belongs to; otherwise a region of its own. */
  role?: 'group';
  heading: ReactNode;
  headingLevel?: 3 | 4;
  base: FieldMap;
  mine: FieldMap;
  labels?: Record<string, string>;
  /** Why the change cannot be confirmed yet: shown, and the confirm button stays disabled. */
  problem?: string | null;
  confirmLabel: string;
  /** The confirm button's text while `onConfirm` runs (default: unchanged). */
  busyLabel?: string;
  onConfirm: () => Promise<unknown> | unknown;
  backLabel: string;
  onBack: () => void;
  /** A line after the buttons, e.g. when the change will be written. */
  note?: ReactNode;
}

/**
 * The review step before a change leaves an editor, shared by the UCCX and
 * Unity Connection editors: the exact before → after (DiffView), then
 * confirm or go back. Both buttons wait while the confirm action runs.
 * Styled by `.review-panel` in styles.css.
 */
export function ReviewPanel(props: ReviewPanelProps) {
  const [busy, setBusy] = useState(false);
  const problemId = useId();
  const Heading = props.headingLevel === 4 ? 'h4' : 'h3';
  const confirm = async () => {
    setBusy(true);
    try {
      await props.onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="review-panel panel" role={props.role} aria-label={props.label}>
      <Heading>{props.heading}</Heading>
      <DiffView base={props.base} mine={props.mine} labels={props.labels} />
      {props.problem ? (
        <p id={problemId} className="banner banner-warning">
          {props.problem}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="button" className="primary" disabled={busy || Boolean(props.problem)} aria-describedby={props.problem ? problemId : undefined} onClick={() => void confirm()}>
          {busy && props.busyLabel ? props.busyLabel : props.confirmLabel}
        </button>
        <button type="button" onClick={props.onBack} disabled={busy}>
          {props.backLabel}
        </button>
        {props.note ? <span className="muted">{props.note}</span> : null}
      </div>
    </section>
  );
}
