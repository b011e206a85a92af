import { useMemo, useState } from 'react';
import type { AgentDaySummary } from '../../../../shared/domain/history';
import { sortSummary, summaryColumns, summaryReasons, summaryToCsv, type SummarySort } from './history-model';
import { downloadText } from '../../components/download';
import { useLocaleStore, useT } from '../../i18n/i18n';

/**
 * Per agent for the chosen day (and team): time in each state and reason,
 * the longest Not Ready, sign-outs, first and last seen. Every column sorts
 * (its header is a button; aria-sort says which and how), and the table as
 * sorted exports to CSV.
 */
export function DaySummaryTable({ agents, day, teamName }: { agents: AgentDaySummary[]; day: string; teamName: string | null }) {
  const t = useT();
  const language = useLocaleStore((s) => s.language);
  // The headers are words: made again when the language changes.
  const columns = useMemo(() => summaryColumns(summaryReasons(agents)), [agents, language]);
  const [sort, setSort] = useState<SummarySort>({ column: 'name', descending: false });
  const rows = useMemo(() => sortSummary(agents, columns, sort), [agents, columns, sort]);
  const exportCsv = () => {
    const name = `history-summary-${day}${teamName ? `-${teamName.replace(/[^\w-]+/g, '_')}` : ''}.csv`;
    downloadText(name, 'text/csv', summaryToCsv(rows, columns));
  };
  return (
    <div className="history-summary">
      <div className="toolbar">
        <button type="button" onClick={exportCsv} disabled={rows.length === 0}>
          {t('history.summary.exportCsv')}
        </button>
        <span className="muted">{t('history.summary.timesNote')}</span>
      </div>
      <div className="history-summary-scroll" tabIndex={0} role="region" aria-label={t('history.summary.scrollLabel')}>
        <table className="data history-summary-table">
          <caption className="visually-hidden">{t('history.summary.caption', { day })}</caption>
          <thead>
            <tr>
              {columns.map((column) => {
                const sorted = sort.column === column.id;
                return (
                  <th key={column.id} scope="col" aria-sort={sorted ? (sort.descending ? 'descending' : 'ascending') : 'none'} className={column.numeric ? 'num' : undefined}>
                    <button type="button" className="sort" onClick={() => setSort({ column: column.id, descending: sorted ? !sort.descending : false })}>
                      {column.label}
                      <span aria-hidden="true">{sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((agent) => (
              <tr key={agent.memberId} data-member-id={agent.memberId}>
                {columns.map((column, index) =>
                  index === 0 ? (
                    <th key={column.id} scope="row" translate="no">
                      {column.text(agent)}
                    </th>
                  ) : (
                    <td key={column.id} className={column.numeric ? 'num' : undefined}>
                      {column.text(agent)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
