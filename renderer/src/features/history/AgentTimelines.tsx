import { memo, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatClock } from '../../../../shared/domain/time-words';
import type { AgentDaySummary, TimelineSegment } from '../../../../shared/domain/history';
import { requestTimeline, timelineKey, useHistoryStore } from './history-store';
import { describeSegment, hourTicks, segmentBoxes, segmentClass } from './history-model';

const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
/** A reason is written on its segment only when it fits (about 6.5 px a character). */
const CHAR_WIDTH = 6.5;
/**
 * A row with more stretches than this is drawn as one path per colour until it
 * is pointed at or focused; then each stretch becomes its own element as in a
 * short row. A busy agent's 8-hour day has thousands of stretches, and a screen
 * of rows drawn stretch by stretch (tens of thousands of elements) took seconds.
 */
const DRAW_AS_PATHS_ABOVE = 200;

interface Tip {
  text: string;
  left: number;
  top: number;
}

/**
 * One bar per agent across the chosen day: each stretch coloured as on the
 * board, Not Ready labelled with its reason, gaps hatched. Rows are
 * virtualised and each fetches its agent's timeline when it first shows.
 * Every stretch can be focused (one Tab stop per row; Left/Right, Home/End
 * move along it) and pointed at: its start, end and length show in a tooltip
 * and are its accessible name.
 */
export function AgentTimelines({ agents }: { agents: AgentDaySummary[] }) {
  const day = useHistoryStore((s) => s.day)!;
  const overview = useHistoryStore((s) => s.overview)!;
  const scrollRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const [barWidth, setBarWidth] = useState(600);
  const [tip, setTip] = useState<Tip | null>(null);

  // The bars are drawn in pixels (text on them must not stretch): follow the width of the frame.
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const measure = () => setBarWidth(Math.max(200, Math.floor(frame.clientWidth - NAME_WIDTH - 24)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(frame);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({
    count: agents.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Few rows beyond the view: each asks main for its agent's day when drawn, and main answers in turn, so
    // every row above the view that asks first delays the rows in it (8 rows cost 8 days' answers).
    overscan: 2,
    getItemKey: (index) => agents[index]!.memberId,
  });

  const showTip = (text: string, target: Element) => {
    const frame = frameRef.current;
    if (!frame) return;
    const box = target.getBoundingClientRect();
    const origin = frame.getBoundingClientRect();
    setTip({ text, left: Math.min(box.left - origin.left, origin.width - 320), top: box.bottom - origin.top + 4 });
  };

  return (
    <div className="tl-frame" ref={frameRef} onMouseLeave={() => setTip(null)}>
      <HatchPattern />
      <Legend />
      <div className="tl-axis" aria-hidden="true">
        <span className="tl-name" />
        <svg width={barWidth} height={18}>
          {hourTicks(overview.first, overview.last).map((tick) => {
            const x = ((tick - overview.first) / Math.max(1, overview.last - overview.first)) * barWidth;
            return (
              <g key={tick}>
                <line x1={x} x2={x} y1={12} y2={18} className="tl-tick" />
                <text x={Math.min(Math.max(x, 14), barWidth - 14)} y={10} textAnchor="middle" className="tl-tick-label">
                  {formatClock(tick)}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="tl-scroll" ref={scrollRef} onScroll={() => setTip(null)}>
        <ul className="tl-rows" aria-label="Agent timelines" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const agent = agents[item.index]!;
            return (
              <li key={item.key} className="tl-row" style={{ transform: `translateY(${item.start}px)` }} aria-setsize={agents.length} aria-posinset={item.index + 1} data-member-id={agent.memberId}>
                <TimelineRow day={day} agent={agent} from={overview.first} to={overview.last} width={barWidth} onTip={showTip} onTipEnd={() => setTip(null)} />
              </li>
            );
          })}
        </ul>
      </div>
      {tip && (
        <div className="tl-tip" role="tooltip" style={{ left: Math.max(0, tip.left), top: tip.top }}>
          {tip.text}
        </div>
      )}
    </div>
  );
}

const NAME_WIDTH = 180;

const TimelineRow = memo(function TimelineRow({
  day,
  agent,
  from,
  to,
  width,
  onTip,
  onTipEnd,
}: {
  day: string;
  agent: AgentDaySummary;
  from: number;
  to: number;
  width: number;
  onTip: (text: string, target: Element) => void;
  onTipEnd: () => void;
}) {
  const entry = useHistoryStore((s) => s.timelines.get(timelineKey(day, agent.memberId)));
  const [active, setActive] = useState(0);
  // Every stretch as its own element: at once for a short day, on pointing or focus for a long one.
  const [detailed, setDetailed] = useState(false);
  useEffect(() => requestTimeline(day, agent.memberId), [day, agent.memberId]);

  if (!entry || entry.state === 'loading') {
    return (
      <>
        <span className="tl-name">{agent.memberName}</span>
        <span className="muted tl-note">Loading…</span>
      </>
    );
  }
  if (entry.state === 'error') {
    return (
      <>
        <span className="tl-name">{agent.memberName}</span>
        <span className="tl-note tl-error">⚠ {entry.message}</span>
      </>
    );
  }
  const segments = entry.timeline.segments;
  const boxes = segmentBoxes(segments, from, to, width);
  const focusable = Math.min(active, segments.length - 1);
  const asPaths = !detailed && segments.length > DRAW_AS_PATHS_ABOVE;

  // Left/Right walk the stretches of this agent's day; the row keeps one Tab stop.
  const onKeyDown = (event: KeyboardEvent<SVGRectElement>) => {
    const rects = [...(event.currentTarget.ownerSVGElement?.querySelectorAll<SVGRectElement>('rect.seg') ?? [])];
    const index = rects.indexOf(event.currentTarget);
    const target =
      event.key === 'ArrowRight' ? Math.min(index + 1, rects.length - 1)
      : event.key === 'ArrowLeft' ? Math.max(index - 1, 0)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? rects.length - 1
      : -1;
    if (target < 0) return;
    event.preventDefault();
    setActive(target);
    rects[target]?.focus();
  };
  const point = (text: string) => (event: FocusEvent<SVGRectElement> | MouseEvent<SVGRectElement>) => onTip(text, event.currentTarget);

  const stretch = (index: number) => {
    const segment = segments[index]!;
    const box = boxes[index]!;
    const text = describeSegment(segment);
    return (
      <rect
        key={`${segment.start}-${index}`}
        className={segmentClass(segment)}
        x={box.x}
        y={0}
        width={box.width}
        height={BAR_HEIGHT}
        role="img"
        aria-label={text}
        tabIndex={index === focusable ? 0 : -1}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          setActive(index);
          point(text)(event);
          if (asPaths) setDetailed(true);
        }}
        onBlur={onTipEnd}
        onMouseEnter={point(text)}
        data-start={segment.start}
        data-end={segment.end}
      />
    );
  };

  return (
    <>
      <span className="tl-name" id={`tl-name-${agent.memberId}`}>
        {agent.memberName}
      </span>
      <svg
        className="tl-bar"
        width={width}
        height={BAR_HEIGHT}
        role="group"
        aria-labelledby={`tl-name-${agent.memberId}`}
        onMouseEnter={asPaths ? () => setDetailed(true) : undefined}
      >
        {segments.length === 0 && (
          <text x={4} y={14} className="tl-empty">
            nothing recorded
          </text>
        )}
        {asPaths ? (
          <>
            {segmentPaths(segments, boxes).map(({ className, d }) => (
              <path key={className} className={className} d={d} aria-hidden="true" />
            ))}
            {/* The row's one Tab stop, drawn over its own stretch: focusing it draws every stretch. Its key is the
                same in both drawings, so React keeps this element (and the focus on it) when the others join it. */}
            {stretch(focusable)}
          </>
        ) : (
          segments.map((_, index) => stretch(index))
        )}
        {segments.map((segment, index) => {
          const box = boxes[index]!;
          const label = segment.kind === 'state' && segment.status === 'not_ready' ? segment.reason : '';
          return (
            label &&
            box.width > label.length * CHAR_WIDTH + 6 && (
              <text key={`${segment.start}-${index}-label`} x={box.x + 3} y={14} className="tl-reason" aria-hidden="true">
                {label}
              </text>
            )
          );
        })}
      </svg>
    </>
  );
});

/** The stretches of one colour as one path of rectangles (the look of a long row until it is detailed). */
function segmentPaths(segments: readonly TimelineSegment[], boxes: ReadonlyArray<{ x: number; width: number }>): Array<{ className: string; d: string }> {
  const byClass = new Map<string, string[]>();
  segments.forEach((segment, index) => {
    const className = segmentClass(segment);
    const box = boxes[index]!;
    let parts = byClass.get(className);
    if (!parts) byClass.set(className, (parts = []));
    parts.push(`M${box.x.toFixed(2)} 0h${box.width.toFixed(2)}v${BAR_HEIGHT}h-${box.width.toFixed(2)}z`);
  });
  return [...byClass].map(([className, parts]) => ({ className, d: parts.join('') }));
}

/** The hatching of "not observed" stretches, defined once for every bar. */
function HatchPattern() {
  return (
    <svg width={0} height={0} className="tl-defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="tl-hatch" width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width={6} height={6} className="tl-hatch-bg" />
          <line x1={0} y1={0} x2={0} y2={6} className="tl-hatch-line" />
        </pattern>
      </defs>
    </svg>
  );
}

function Legend() {
  const items: Array<[string, string]> = [
    ['seg-ready', 'Ready'],
    ['seg-not_ready', 'Not Ready (reason written on it)'],
    ['seg-ACW', 'ACW'],
    ['seg-absent', 'Not on the board'],
    ['seg-gap', 'Not observed'],
  ];
  return (
    <ul className="tl-legend" aria-label="Legend">
      {items.map(([cls, words]) => (
        <li key={cls}>
          <svg width={14} height={14} aria-hidden="true">
            <rect className={`seg ${cls}`} width={14} height={14} />
          </svg>
          {words}
        </li>
      ))}
    </ul>
  );
}
