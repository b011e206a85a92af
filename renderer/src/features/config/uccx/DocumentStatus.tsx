import type { ReactNode } from 'react';
import { MainText } from '../../../components/ErrorDetails';
import type { MainMessage } from '../../../../../shared/domain/main-message';
import { PHASE_WORDS } from '../../../../../shared/domain/changes';
import type { RepositoryDocumentView } from '../../../../../shared/domain/repository-documents';
import { formatDateTime } from '../../../i18n/format';
import { useLocale, useT, type MessageId } from '../../../i18n/i18n';
import { Message } from '../../../i18n/Message';

/**
 * Where a document in the UCCX repository stands (caller lists, switches):
 * what UCCX holds and since when, changes waiting to be written, and what the
 * console could not read in it.
 */

/**
 * When a document was last changed, in the user's locale inside a `<time>`;
 * the repository's own text, as data, when it is not a time.
 */
export function ModifiedWhen({ dateModified }: { dateModified: string }) {
  const locale = useLocale();
  const epoch = /^\d{10,13}$/.test(dateModified) ? Number(dateModified) : Date.parse(dateModified);
  if (!Number.isFinite(epoch)) return <span translate="no">{dateModified}</span>;
  return <time dateTime={new Date(epoch).toISOString()}>{formatDateTime(epoch, locale)}</time>;
}

/** The sentence for what is known of a document's last change: when, by whom, both or neither. */
const SOURCE_MESSAGES: Record<'neither' | 'when' | 'who' | 'both', MessageId> = {
  neither: 'uccx.document.source',
  when: 'uccx.document.sourceChanged',
  who: 'uccx.document.sourceBy',
  both: 'uccx.document.sourceChangedBy',
};

/**
 * "/en_US/lists/vip.xml: 3 callers on UCCX, changed … by sup1." or, when UCCX
 * holds no such document yet, "Not on UCCX yet: …" with `whenMissing`.
 */
export function DocumentSource(props: {
  document: Pick<RepositoryDocumentView, 'path' | 'exists' | 'dateModified' | 'modifiedBy'>;
  /** What it holds, counted, in the user's language: "3 callers". */
  contents: string;
  /** What creates it, in the user's language: "saving creates /en_US/lists/vip.xml." */
  whenMissing: string;
  testId: string;
}) {
  const t = useT();
  const { document } = props;
  if (!document.exists) {
    return (
      <p className="muted" data-testid={props.testId}>
        {t('uccx.document.missing', { whenMissing: props.whenMissing })}
      </p>
    );
  }
  const known = document.dateModified ? (document.modifiedBy ? 'both' : 'when') : document.modifiedBy ? 'who' : 'neither';
  return (
    <p className="muted" data-testid={props.testId}>
      <Message
        id={SOURCE_MESSAGES[known]}
        values={{ contents: props.contents }}
        parts={{
          path: <span translate="no">{document.path}</span>,
          when: document.dateModified ? <ModifiedWhen dateModified={document.dateModified} /> : null,
          user: <span translate="no">{document.modifiedBy}</span>,
        }}
      />
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

/**
 * The parts of the document the console skipped while reading it (at most
 * 20), or nothing: each main's sentence by id in the user's language (the
 * document's own text in it shown as sent), else main's English.
 */
export function SkippedBanner(props: {
  skipped: readonly string[];
  /** The same parts by id, in the same order (`skippedMessages` of the document's view). */
  said?: readonly MainMessage[];
  /** What the document holds: a caller list's entries, the switches' values. */
  what: 'entries' | 'values';
}) {
  const t = useT();
  if (props.skipped.length === 0) return null;
  return (
    <div className="banner banner-warning" role="status">
      <span aria-hidden="true">⚠ </span>
      {t('uccx.document.skipped', { what: props.what })}
      <ul>
        {props.skipped.slice(0, 20).map((text, index) => (
          <li key={text}>
            <MainText said={props.said?.[index]} english={text} />
          </li>
        ))}
      </ul>
    </div>
  );
}
