import { hasMessage, sayMain, useT, type MessageValues } from '../i18n/i18n';
import { Message } from '../i18n/Message';
import type { ReactNode } from 'react';
import type { MainMessage } from '../../../shared/domain/main-message';

/**
 * The technical detail behind an error's plain sentence (the HTTP status and
 * address, the network error code), one click away under the sentence: a
 * native <details>, so Enter or Space opens it from the keyboard and screen
 * readers announce it as expanded or collapsed. Nothing when there is none.
 */
export function ErrorDetails({ detail }: { detail: string | null | undefined }) {
  const t = useT();
  if (!detail) return null;
  return (
    <details className="error-details">
      <summary>{t('toasts.details')}</summary>
      {/* The technical detail is the server's or the network's own text. */}
      <code translate="no">{detail}</code>
    </details>
  );
}

/** The detail an error from `call()` carries (the typed error's `detail`), if any. */
export function detailOf(error: unknown): string | undefined {
  const detail = typeof error === 'object' && error !== null ? (error as { detail?: unknown }).detail : undefined;
  return typeof detail === 'string' && detail ? detail : undefined;
}

/** The sentence by id a typed error from `call()` carries (main's `said`), if any. */
export function saidOf(error: unknown): MainMessage | undefined {
  const said = typeof error === 'object' && error !== null ? (error as { said?: unknown }).said : undefined;
  return typeof said === 'object' && said !== null && typeof (said as MainMessage).id === 'string' ? (said as MainMessage) : undefined;
}

/** An error's sentence in the user's language: main's message by id when it sent one, else its English (or any thrown error's message). */
export function sayError(error: unknown): string {
  return sayMain(saidOf(error), error instanceof Error ? error.message : String(error));
}

/** An error as a screen shows it: the sentence (English, and by id when main sent one), and the technical detail behind it when there is one. */
export interface ShownError {
  message: string;
  said?: MainMessage;
  detail?: string;
}

/** An error from `call()` (or anything thrown) as a ShownError. */
export function shownError(error: unknown): ShownError {
  const message = error instanceof Error ? error.message : String(error);
  const detail = detailOf(error);
  const said = saidOf(error);
  return { message, ...(said ? { said } : {}), ...(detail ? { detail } : {}) };
}

/**
 * The values of main's messages that choose a wording (`{withError, select, yes {…} other {…}}`)
 * rather than stand in the text; every other text value is server data (a
 * node's or object's name, Cisco's own reason) and is shown as sent.
 */
const CHOICE_VALUES = new Set(['place', 'service', 'said', 'withError', 'withDifferences', 'kind', 'mustChange', 'presented', 'trusted', 'greeting', 'request', 'step']);

/**
 * Main's sentence (docs/i18n.md, "Words from main") in the user's language,
 * with the server data in it in `translate="no"` spans. A sentence main sends
 * only in English (no id, or one the catalogue lacks) is marked
 * `data-main-text`, so the pseudo-locale test shows what is left to convert.
 */
export function MainText({ said, english }: { said: MainMessage | undefined; english: string }) {
  useT();
  if (!said || !hasMessage(said.id)) return <span data-main-text="">{english}</span>;
  const values: MessageValues = {};
  const parts: Record<string, ReactNode> = {};
  for (const [name, value] of Object.entries(said.values ?? {})) {
    const sentence = said.sentences?.[name];
    // Main's own sentence inside: said in turn; other text is the server's data.
    if (sentence) parts[name] = <MainText said={sentence} english={String(value)} />;
    else if (typeof value === 'string' && !CHOICE_VALUES.has(name)) parts[name] = <span translate="no">{value}</span>;
    else values[name] = value;
  }
  return <Message id={said.id} values={values} parts={parts} />;
}

/** An error banner: the sentence, then "Details" when the error carries technical detail. */
export function ErrorBanner({ error, testId }: { error: ShownError; testId?: string }) {
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <p>
        <span aria-hidden="true">⚠ </span>
        <MainText said={error.said} english={error.message} />
      </p>
      <ErrorDetails detail={error.detail} />
    </div>
  );
}
