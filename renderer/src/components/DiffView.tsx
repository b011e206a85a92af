import type { FieldMap } from '../../../shared/domain/changes';
import { useLocale, useT } from '../i18n/i18n';
import { readableChange } from './diff-words';

export interface DiffViewProps {
  /** Values before the change (what the change was based on). */
  base: FieldMap;
  /** Values the change writes. */
  mine: FieldMap;
  /** What the server holds now (conflicts): adds a "On the server now" column. */
  theirs?: FieldMap;
  /** Human names of the fields. */
  labels?: Record<string, string>;
  caption?: string;
  /** Leave out fields that do not change (default true). */
  changedOnly?: boolean;
}

// Inline so every screen that reuses the component gets the same look without importing a stylesheet.
const BEFORE_STYLE = { textDecoration: 'line-through', color: 'var(--text-muted)' } as const;
const AFTER_STYLE = { background: 'var(--ok-bg)', color: 'var(--text)', fontWeight: 600 } as const;
const THEIRS_STYLE = { background: 'var(--warn-bg)', color: 'var(--text)' } as const;

/**
 * A before/after table of the fields a change touches, reused by every editor
 * (UCCX and Unity Connection) and by the Pending changes screen. Changed
 * values are marked by a symbol and text, never by colour alone.
 */
export function DiffView({ base: rawBase, mine: rawMine, theirs: rawTheirs, labels: rawLabels = {}, caption, changedOnly = true }: DiffViewProps) {
  const t = useT();
  const locale = useLocale();
  // Rows in words: a calendar's days and holidays one per row, never JSON.
  const readable = readableChange(rawBase, rawMine, rawLabels, locale);
  const base = readable.base;
  const mine = readable.mine;
  const labels = readable.labels;
  const theirs = rawTheirs ? readableChange(rawBase, rawTheirs, rawLabels, locale).mine : undefined;
  const sortKey = (field: string) => readable.sortKeys[field] ?? labels[field] ?? field;
  const sameField = (a: string | undefined, b: string | undefined) => (a ?? t('diff.empty')) === (b ?? t('diff.empty'));
  const displayField = (value: string | undefined) => value ?? t('diff.empty');
  const fields = [...new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs ?? {})])]
    .filter((field) => !changedOnly || theirs !== undefined || !sameField(base[field], mine[field]))
    .sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  if (fields.length === 0) return <p className="muted diff-empty">{t('diff.none')}</p>;
  return (
    <table className="data diff-view">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">{t('diff.field')}</th>
          <th scope="col">{theirs ? t('diff.base') : t('diff.before')}</th>
          {theirs ? <th scope="col">{t('diff.theirs')}</th> : null}
          <th scope="col">{theirs ? t('diff.mine') : t('diff.after')}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const changed = !sameField(base[field], mine[field]);
          const theirsDiffer = theirs !== undefined && !sameField(base[field], theirs[field]);
          return (
            <tr key={field} className={changed ? 'diff-changed' : undefined}>
              <th scope="row">{labels[field] ?? field}</th>
              <td className={changed ? 'diff-before' : undefined} style={changed ? BEFORE_STYLE : undefined}>{displayField(base[field])}</td>
              {theirs ? (
                <td className={theirsDiffer ? 'diff-theirs' : undefined} style={theirsDiffer ? THEIRS_STYLE : undefined}>
                  {theirsDiffer ? <span aria-label={t('diff.changedOnServer')}>⚠ </span> : null}
                  {displayField(theirs[field])}
                </td>
              ) : null}
              <td className={changed ? 'diff-after' : undefined} style={changed ? AFTER_STYLE : undefined}>
                {changed ? <span aria-hidden="true">→ </span> : null}
                {displayField(mine[field])}
                {changed ? <span className="visually-hidden">{t('diff.changed')}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
