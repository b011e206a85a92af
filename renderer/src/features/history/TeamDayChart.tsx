import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { call } from '../../api/client';
import { formatClock } from '../../../../shared/domain/time-words';
import { TEAM_DAY_BUCKET_MINUTES, type TeamDay, type TeamDayBucketMinutes } from '../../../../shared/domain/history';
import { effectiveTheme, useAppStore } from '../../store/app-store';
import { useHistoryStore } from './history-store';
import { formatHms, stackSeries, teamDayObservedMs, teamDaySeries, teamDayTotals, type TeamDaySeries } from './history-model';

const CHART_HEIGHT = 300;

/**
 * One team's day as a stacked chart (uPlot, on a canvas): average members
 * Ready, in ACW and Not Ready by reason per bucket; buckets nothing of which
 * was observed are left empty. The same figures are in the table under it
 * (the day's member-time per state, and per bucket on request), which is the
 * chart's text alternative.
 */
export function TeamDayChart() {
  const day = useHistoryStore((s) => s.day)!;
  const overview = useHistoryStore((s) => s.overview)!;
  const chosenTeam = useHistoryStore((s) => s.teamId);
  // The chart is of one team: "All teams" shows the first.
  const teamId = chosenTeam ?? overview.teams[0]?.teamId ?? null;
  const [bucketMinutes, setBucketMinutes] = useState<TeamDayBucketMinutes>(5);
  const [teamDay, setTeamDay] = useState<TeamDay | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!teamId) return;
    let current = true;
    setError(null);
    call('history:teamDay', { day, teamId, bucketMinutes }).then(
      (answer) => current && setTeamDay(answer),
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [day, teamId, bucketMinutes]);

  if (!teamId) return <p className="muted">No team was on the board that day.</p>;
  const shown = teamDay && teamDay.teamId === teamId && teamDay.day === day && teamDay.bucketMinutes === bucketMinutes ? teamDay : null;
  return (
    <div className="team-day">
      <div className="toolbar">
        <label>
          Each bar{' '}
          <select value={bucketMinutes} onChange={(e) => setBucketMinutes(Number(e.target.value) as TeamDayBucketMinutes)}>
            {TEAM_DAY_BUCKET_MINUTES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutes === 60 ? '1 hour' : `${minutes} min`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="banner banner-error" role="alert">
          ⚠ {error}
        </p>
      )}
      {!shown && !error && <p className="muted">Loading the team's day…</p>}
      {shown && <TeamDayFigures teamDay={shown} />}
    </div>
  );
}

function TeamDayFigures({ teamDay }: { teamDay: TeamDay }) {
  // One series object per answer, so the chart is drawn again only when the figures (or theme, or width) change.
  const series = useMemo(() => teamDaySeries(teamDay), [teamDay]);
  const totals = useMemo(() => teamDayTotals(teamDay), [teamDay]);
  const [perBucket, setPerBucket] = useState(false);
  return (
    <>
      <h2 className="team-day-title">{teamDay.teamName}: members in each state</h2>
      {teamDay.buckets.length === 0 ? (
        <p className="muted">Nothing was recorded for this team that day.</p>
      ) : (
        <StackedChart series={series} teamName={teamDay.teamName} />
      )}
      <table className="data team-day-totals" aria-label={`Member-time of ${teamDay.teamName} over the day`}>
        <caption>
          Member-time in each state over the day (hours:minutes:seconds); the team was observed for {formatHms(teamDayObservedMs(teamDay))} of it. The chart shows the same figures per{' '}
          {teamDay.bucketMinutes === 60 ? 'hour' : `${teamDay.bucketMinutes} minutes`} as average members.
        </caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Member-time</th>
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
        <summary>Figures per {teamDay.bucketMinutes === 60 ? 'hour' : `${teamDay.bucketMinutes} minutes`}</summary>
        {perBucket && <BucketTable teamDay={teamDay} series={series} />}
      </details>
    </>
  );
}

function BucketTable({ teamDay, series }: { teamDay: TeamDay; series: TeamDaySeries }) {
  const number = (value: number | null) => (value === null ? 'not observed' : value.toFixed(2));
  return (
    <table className="data">
      <caption className="visually-hidden">Average members in each state per bucket</caption>
      <thead>
        <tr>
          <th scope="col">From</th>
          <th scope="col">Observed</th>
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
            <td className="num">{Math.round(bucket.observed * 100)} %</td>
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
        axes: [{ ...axis, values: (_u, splits) => splits.map((split) => formatClock(split * 1000)) }, { ...axis, label: 'Members', labelSize: 20 }],
        legend: { live: true },
        cursor: { points: { show: false } },
        series: [
          { label: 'Time', value: (_u, v) => (v === null ? '—' : formatClock(v * 1000)) },
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
              return value === null ? '—' : value.toFixed(1);
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
  }, [series, width, theme]);

  return (
    <div
      ref={holder}
      className="team-day-chart"
      role="img"
      aria-label={`Chart of ${teamName}'s day: average members Ready, in ACW and Not Ready by reason. The same figures are in the table below.`}
    />
  );
}
