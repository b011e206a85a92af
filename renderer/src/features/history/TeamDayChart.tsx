import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { call } from '../../api/client';
import { formatClock } from '../../../../shared/domain/time-words';
import { TEAM_DAY_BUCKET_MINUTES, type TeamDay, type TeamDayBucketMinutes } from '../../../../shared/domain/history';
import { effectiveTheme, useAppStore } from '../../store/app-store';
import { useHistoryStore } from './history-store';
import { useLocale, useLocaleStore, useT, type MessageId } from '../../i18n/i18n';
import { formatNumber } from '../../i18n/format';
import { Message } from '../../i18n/Message';
import { MainText, shownError, type ShownError } from '../../components/ErrorDetails';
import { formatHms, stackSeries, teamDayObservedMs, teamDaySeries, teamDayTotals, type TeamDaySeries } from './history-model';

const CHART_HEIGHT = 300;

/**
 * One team's day as a stacked chart (uPlot, on a canvas): average members
 * Ready, in ACW and Not Ready by reason per bucket; buckets nothing of which
 * was observed are left empty. The same figures are in the table under it
 * (the day's member-time per state, and per bucket on request), which is the
 * chart's text alternative.
 */
/** A bucket's length in words: "5 min", "1 hour" (ids by the lengths TEAM_DAY_BUCKET_MINUTES offers). */
function bucketMessage(minutes: number): { id: MessageId; values: { minutes: number } } {
  return { id: minutes === 60 ? 'history.team.bucket.hour' : 'history.team.bucket.minutes', values: { minutes } };
}

export function TeamDayChart() {
  const t = useT();
  const day = useHistoryStore((s) => s.day)!;
  const overview = useHistoryStore((s) => s.overview)!;
  const chosenTeam = useHistoryStore((s) => s.teamId);
  // The chart is of one team: "All teams" shows the first.
  const teamId = chosenTeam ?? overview.teams[0]?.teamId ?? null;
  const [bucketMinutes, setBucketMinutes] = useState<TeamDayBucketMinutes>(5);
  const [teamDay, setTeamDay] = useState<TeamDay | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    if (!teamId) return;
    let current = true;
    setError(null);
    call('history:teamDay', { day, teamId, bucketMinutes }).then(
      (answer) => current && setTeamDay(answer),
      (failure: unknown) => current && setError(shownError(failure)),
    );
    return () => {
      current = false;
    };
  }, [day, teamId, bucketMinutes]);

  if (!teamId) return <p className="muted">{t('history.team.none')}</p>;
  const shown = teamDay && teamDay.teamId === teamId && teamDay.day === day && teamDay.bucketMinutes === bucketMinutes ? teamDay : null;
  return (
    <div className="team-day">
      <div className="toolbar">
        <label>
          {t('history.team.eachBar')}{' '}
          <select value={bucketMinutes} onChange={(e) => setBucketMinutes(Number(e.target.value) as TeamDayBucketMinutes)}>
            {TEAM_DAY_BUCKET_MINUTES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t(minutes === 60 ? 'history.team.option.hour' : 'history.team.option.minutes', { minutes })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          ⚠ <MainText said={error.said} english={error.message} />
        </p>
      )}
      {!shown && !error && <p className="muted">{t('history.team.loading')}</p>}
      {shown && <TeamDayFigures teamDay={shown} />}
    </div>
  );
}

function TeamDayFigures({ teamDay }: { teamDay: TeamDay }) {
  const t = useT();
  const language = useLocaleStore((s) => s.language);
  // One series object per answer (and language: its labels are words), so the chart is drawn again only when the figures (or theme, or width) change.
  const series = useMemo(() => teamDaySeries(teamDay), [teamDay, language]);
  const totals = useMemo(() => teamDayTotals(teamDay), [teamDay, language]);
  const team = <span translate="no">{teamDay.teamName}</span>;
  const bucket = bucketMessage(teamDay.bucketMinutes);
  const [perBucket, setPerBucket] = useState(false);
  return (
    <>
      <h2 className="team-day-title">
        <Message id="history.team.title" parts={{ team }} />
      </h2>
      {teamDay.buckets.length === 0 ? (
        <p className="muted">{t('history.team.nothingRecorded')}</p>
      ) : (
        <StackedChart series={series} teamName={teamDay.teamName} />
      )}
      <table className="data team-day-totals" aria-label={t('history.team.totals.label', { team: teamDay.teamName })}>
        <caption>{t('history.team.totals.caption', { observed: formatHms(teamDayObservedMs(teamDay)), per: t(bucket.id, bucket.values) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.team.column.state')}</th>
            <th scope="col">{t('history.team.column.memberTime')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((total) => (
            <tr key={total.label}>
              <th scope="row">{total.label}</th>
              <td className="num">{formatHms(total.ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="team-day-buckets" onToggle={(e) => setPerBucket((e.target as HTMLDetailsElement).open)}>
        <summary>{t('history.team.perBucket', { per: t(bucket.id, bucket.values) })}</summary>
        {perBucket && <BucketTable teamDay={teamDay} series={series} />}
      </details>
    </>
  );
}

function BucketTable({ teamDay, series }: { teamDay: TeamDay; series: TeamDaySeries }) {
  const t = useT();
  const locale = useLocale();
  const number = (value: number | null) => (value === null ? t('history.team.notObserved') : formatNumber(value, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }));
  return (
    <table className="data">
      <caption className="visually-hidden">{t('history.team.buckets.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.team.column.from')}</th>
          <th scope="col">{t('history.team.column.observed')}</th>
          {series.labels.map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {teamDay.buckets.map((bucket, i) => (
          <tr key={bucket.start}>
            <th scope="row">{formatClock(bucket.start)}</th>
            <td className="num">{t('history.team.observedPercent', { percent: Math.round(bucket.observed * 100) })}</td>
            {series.values.map((values, s) => (
              <td key={series.labels[s]} className="num">
                {number(values[i] ?? null)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Colours from the theme (history.css), read when the chart is drawn. */
function themeColours(element: Element) {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  return {
    text: read('--text'),
    grid: read('--border'),
    ready: read('--hist-ready'),
    acw: read('--hist-acw'),
    notReady: [1, 2, 3, 4, 5, 6].map((n) => read(`--hist-nr-${n}`)),
  };
}

function StackedChart({ series, teamName }: { series: TeamDaySeries; teamName: string }) {
  const t = useT();
  const locale = useLocale();
  const holder = useRef<HTMLDivElement>(null);
  const theme = effectiveTheme(useAppStore((s) => s.preferences?.theme));
  const [width, setWidth] = useState(800);

  useLayoutEffect(() => {
    const element = holder.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(300, Math.floor(element.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    let chart: uPlot | null = null;
    // Drawn on the next frame: a theme switch sets the page's colours after this effect runs.
    const frame = requestAnimationFrame(() => {
    const colours = themeColours(element);
    const colourOf = (index: number) => (series.kinds[index] === 'ready' ? colours.ready : series.kinds[index] === 'ACW' ? colours.acw : colours.notReady[(index - 2) % colours.notReady.length]!);
    const stacked = stackSeries(series.values);
    // Drawn top of the stack first, each filled down to zero, so every lower layer paints over the one above it.
    const order = series.labels.map((_, i) => i).reverse();
    const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
    chart = new uPlot(
      {
        width,
        height: CHART_HEIGHT,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max))] } },
        axes: [{ ...axis, values: (_u, splits) => splits.map((split) => formatClock(split * 1000)) }, { ...axis, label: t('history.team.axis.members'), labelSize: 20, values: (_u, splits) => splits.map((split) => formatNumber(split, locale)) }],
        legend: { live: true },
        cursor: { points: { show: false } },
        series: [
          { label: t('history.team.axis.time'), value: (_u, v) => (v === null ? '—' : formatClock(v * 1000)) },
          ...order.map((index) => ({
            label: series.labels[index]!,
            stroke: colourOf(index),
            fill: colourOf(index),
            width: 1,
            points: { show: false },
            paths: uPlot.paths.stepped!({ align: 1 }),
            // The legend gives the layer's own figure, not the running sum it is drawn at.
            value: (_u: uPlot, _v: number | null, _s: number, i: number | null) => {
              const value = i === null ? null : (series.values[index]![i] ?? null);
              return value === null ? '—' : formatNumber(value, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
            },
          })),
        ],
      },
      [series.x, ...order.map((index) => stacked[index]!)] as uPlot.AlignedData,
      element,
    );
    });
    return () => {
      cancelAnimationFrame(frame);
      chart?.destroy();
    };
  }, [series, width, theme, t, locale]);

  return (
    <div
      ref={holder}
      className="team-day-chart"
      role="img"
      aria-label={t('history.team.chart.label', { team: teamName })}
    />
  );
}
