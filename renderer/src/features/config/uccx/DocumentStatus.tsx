import type { ReactNode } from 'react';
import { PHASE_WORDS } from '../../../../../shared/domain/changes';
import { formatDateTime } from '../../../../../shared/domain/time-words';
import type { RepositoryDocumentView } from '../../../../../shared/domain/repository-documents';

/**
 * Where a document in the UCCX repository stands (caller lists, switches):
 * what UCCX holds and since when, changes waiting to be written, and what the
 * console could not read in it.
 */

/** When a document was last changed, in words (the repository's own text when it is not a time). */
export function modifiedWords(dateModified: string | null): string {
  if (!dateModified) return '';
  const epoch = /^\d{10,13}$/.test(dateModified) ? Number(dateModified) : Date.parse(dateModified);
  return Number.isFinite(epoch) ? formatDateTime(epoch) : dateModified;
}

/**
 * "/en_US/lists/vip.xml: 3 callers on UCCX, changed … by sup1." or, when UCCX
 * holds no such document yet, `Not on UCCX yet: ${whenMissing}`.
 */
export function DocumentSource(props: {
  document: Pick<RepositoryDocumentView, 'path' | 'exists' | 'dateModified' | 'modifiedBy'>;
  /** What it holds, counted: "3 callers". */
  contents: string;
  /** What creates it: "saving creates /en_US/lists/vip.xml." */
  whenMissing: string;
  testId: string;
}) {
  const { document } = props;
  return (
    <p className="muted" data-testid={props.testId}>
      {document.exists
        ? `${document.path}: ${props.contents} on UCCX${document.dateModified ? `, changed ${modifiedWords(document.dateModified)}` : ''}${document.modifiedBy ? ` by ${document.modifiedBy}` : ''}.`
        : `Not on UCCX yet: ${props.whenMissing}`}
    </p>
  );
}

/** Changes to the document wait in the journal; the sentence says what the table shows meanwhile. */
export function QueuedBanner(props: { children: ReactNode }) {
  return (
    <p className="banner banner-info" role="status">
      <span aria-hidden="true">{PHASE_WORDS.queued.icon} </span>
      {props.children}
    </p>
  );
}

/** The parts of the document the console skipped while reading it (at most 20 named), or nothing. */
export function SkippedBanner(props: { skipped: readonly string[]; /** "entries", "values" */ what: string }) {
  if (props.skipped.length === 0) return null;
  return (
    <div className="banner banner-warning" role="status">
      <span aria-hidden="true">⚠ </span>
      The document on UCCX holds {props.what} the console cannot use; they are left out and are not written back:
      <ul>
        {props.skipped.slice(0, 20).map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
