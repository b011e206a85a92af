import { useT } from '../i18n/i18n';

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

/** An error as a screen shows it: the sentence, and the technical detail behind it when there is one. */
export interface ShownError {
  message: string;
  detail?: string;
}

/** An error from `call()` (or anything thrown) as a ShownError. */
export function shownError(error: unknown): ShownError {
  const message = error instanceof Error ? error.message : String(error);
  const detail = detailOf(error);
  return detail ? { message, detail } : { message };
}

/** An error banner: the sentence, then "Details" when the error carries technical detail. */
export function ErrorBanner({ error, testId }: { error: ShownError; testId?: string }) {
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <p>
        <span aria-hidden="true">⚠ </span>
        {error.message}
      </p>
      <ErrorDetails detail={error.detail} />
    </div>
  );
}
