import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatClock } from '../../../../shared/domain/time-words';
import type { AgentDaySummary } from '../../../../shared/domain/history';
import { overviewIsExact } from '../../../../shared/domain/timeline-overview';
import { requestDetail, requestOverview, timelineKey, useHistoryStore } from './history-store';
import { sayMain, useLocaleStore, useT } from '../../i18n/i18n';
import { MainText } from '../../components/ErrorDetails';
import { hourTicks, overviewPieces, segmentBoxes, segmentPieces, type BarPiece } from './history-model';

const ROW_HEIGHT = 30;
const BAR_HEIGHT = 20;
/** A reason is written on its segment only when it fits (about 6.5 px a character). */
const CHAR_WIDTH = 6.5;
/**
 * A row with more shapes than this is drawn as one path per colour, with only
 * its Tab stop as its own element, until every stretch of its day has been
 * fetched (it was pointed at or focused); then each stretch is its own element
 * as in a short row. A screen of rows drawn shape by shape (tens of thousands
 * of elements) took seconds.
 */
const DRAW_AS_PATHS_ABOVE = 200;
/** Narrower than this, a shape is drawn without its outline (which would cover most of it). */
const THIN_PX = 3;
/** The band along the lower edge of a run of short stretches, in its second state's colour. */
const BAND_HEIGHT = 6;

/** Where a tooltip hangs from, in the page's coordinates. */
interface TipAnchor {
  left: number;
  bottom: number;
}

interface Tip {
  text: string;
  left: number;
  top: number;
}

/**
 * One bar per agent across the chosen day: each stretch coloured as on the
 * board, Not Ready labelled with its reason, gaps hatched. Rows are
 * virtualised and each fetches its agent's day merged to the pixels of its
 * bar when it first shows (stretches shorter than a pixel come as runs: see
 * shared/domain/timeline-overview.ts); pointing at a row or focusing it
 * fetches every stretch. Every stretch can be focused (one Tab stop per row; Left/Right, Home/End
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
  const t = useT();

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
    // Few rows beyond the view: each asks main for its agent's day when drawn (after the rows in view), and an
    // answer on its way cannot be taken back.
    overscan: 2,
    getItemKey: (index) => agents[index]!.memberId,
  });

  const showTip = useCallback((text: string, box: TipAnchor) => {
    const frame = frameRef.current;
    if (!frame) return;
    const origin = frame.getBoundingClientRect();
    setTip({ text, left: Math.min(box.left - origin.left, origin.width - 320), top: box.bottom - origin.top + 4 });
  }, []);
  const hideTip = useCallback(() => setTip(null), []);

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
        <ul className="tl-rows" aria-label={t('history.timeline.rowsLabel')} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const agent = agents[item.index]!;
            const inView = !virtualizer.range || (item.index >= virtualizer.range.startIndex && item.index <= virtualizer.range.endIndex);
            return (
              <li key={item.key} className="tl-row" style={{ transform: `translateY(${item.start}px)` }} aria-setsize={agents.length} aria-posinset={item.index + 1} data-member-id={agent.memberId}>
                <TimelineRow day={day} agent={agent} inView={inView} from={overview.first} to={overview.last} width={barWidth} onTip={showTip} onTipEnd={hideTip} />
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
/** `translate="no"` on an SVG element (React's SVG types lack it): a reason code written on its stretch is the server's. */
const SERVER_DATA_IN_SVG = { translate: 'no' } as Record<string, string>;

const TimelineRow = memo(function TimelineRow({
  day,
  agent,
  inView,
  from,
  to,
  width,
  onTip,
  onTipEnd,
}: {
  day: string;
  agent: AgentDaySummary;
  /** In the view, not one of the rows drawn beyond it: its day is asked for first. */
  inView: boolean;
  from: number;
  to: number;
  width: number;
  onTip: (text: string, anchor: TipAnchor) => void;
  onTipEnd: () => void;
}) {
  const t = useT();
  const language = useLocaleStore((s) => s.language);
  const key = timelineKey(day, agent.memberId);
  const entry = useHistoryStore((s) => s.overviews.get(key));
  const overview = entry?.state === 'ok' ? entry.overview : null;
  /** The overview already holds every stretch whole: there is no more detail to ask for. */
  const exact = overview ? overviewIsExact(overview) : false;
  // While the row is pointed at or holds the focus, every stretch of its day is fetched (unless the overview is
  // already every stretch) and drawn, each its own element; fetched, it stays drawn while it is kept.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const pointed = hovered || focused;
  const wantDetail = pointed && !!overview && !exact;
  const detail = useHistoryStore((s) => (overview && !exact ? s.details.get(key) : undefined));
  const detailed = detail?.state === 'ok' ? detail.timeline : null;
  /** Said after what a run holds when every stretch could not be read: the runs are all there is. */
  const detailNote = detail?.state === 'error' ? ` ${t('history.timeline.detailError', { message: sayMain(detail.said, detail.message) })}` : '';
  /** Where the row's Tab stop is: the start of the stretch last focused. */
  const [activeStart, setActiveStart] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  /** Where the pointer is over the bar (px from its left), null when it is elsewhere. */
  const pointerX = useRef<number | null>(null);

  // Asked again when the row comes into view from beyond it: a request not yet sent then moves to the front.
  useEffect(() => requestOverview(day, agent.memberId, { from, to, pixels: width }, inView), [day, agent.memberId, from, to, width, inView]);
  // Asked again if it was dropped to make room for other rows' (at most the row pointed at and the focused one ask).
  const detailMissing = !detail;
  useEffect(() => {
    if (wantDetail && detailMissing) requestDetail(day, agent.memberId);
  }, [wantDetail, detailMissing, day, agent.memberId]);

  // The pieces' words are in the active language: made again when it changes.
  const pieces = useMemo(() => (detailed ? segmentPieces(detailed.segments) : overview ? overviewPieces(overview) : []), [detailed, overview, language]);
  const boxes = useMemo(() => segmentBoxes(pieces, from, to, width), [pieces, from, to, width]);

  // The last piece starting at or before x (a stretch shorter than a pixel is drawn a pixel wide, over the next).
  const pieceAtX = (x: number): number => lastAtOrBefore(boxes, (box) => box.x, x);
  /** Tooltip for the pointer at x; over a shape of its own, that shape (as the browser hit it), else by position. */
  const tipAtPointer = (x: number, over?: Element) => {
    const svg = svgRef.current;
    const start = over instanceof Element && over.matches('rect.seg') ? Number(over.getAttribute('data-start')) : NaN;
    const index = Number.isFinite(start) ? pieceAtTime(pieces, start) : pieceAtX(x);
    if (!svg || index < 0) return onTipEnd();
    const box = svg.getBoundingClientRect();
    onTip(`${pieces[index]!.words}${detailNote}`, { left: box.left + x, bottom: box.bottom });
  };

  // When every stretch arrives, the words under the pointer or the focus are now exact: say them.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const inFocus = document.activeElement;
    if (inFocus && inFocus !== svg && svg.contains(inFocus)) onTip(`${inFocus.getAttribute('aria-label') ?? ''}${detailNote}`, inFocus.getBoundingClientRect());
    else if (pointerX.current !== null) tipAtPointer(pointerX.current);
    // Only when the pieces change (or every stretch could not be read); the handlers read the latest values.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pieces, detailNote]);

  if (!entry) {
    return (
      <>
        <span className="tl-name" translate="no">
          {agent.memberName}
        </span>
        <span className="muted tl-note">{t('history.timeline.loading')}</span>
      </>
    );
  }
  if (entry.state === 'error') {
    return (
      <>
        <span className="tl-name" translate="no">
          {agent.memberName}
        </span>
        <span className="tl-note tl-error">
          ⚠ <MainText said={entry.said} english={entry.message} />
        </span>
      </>
    );
  }
  const activeIndex = activeStart === null ? 0 : Math.max(0, pieceAtTime(pieces, activeStart));
  const focusable = Math.min(activeIndex, pieces.length - 1);
  // A long row is drawn as one path per colour until every stretch of it is here to be drawn one by one.
  const asPaths = pieces.length > DRAW_AS_PATHS_ABOVE && !detailed && !(pointed && exact);
  const detailLoading = wantDetail && !detailed && detail?.state !== 'error';

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
    setActiveStart(Number(rects[target]?.dataset.start));
    rects[target]?.focus();
  };

  const stretch = (index: number) => {
    const piece = pieces[index]!;
    const box = boxes[index]!;
    return (
      <rect
        // By its start: when every stretch arrives, the stretch starting where the focused run did keeps the focus.
        key={piece.start}
        className={box.width < THIN_PX ? `${piece.fill} seg-thin` : piece.fill}
        x={box.x}
        y={0}
        width={box.width}
        height={BAR_HEIGHT}
        role="img"
        aria-label={piece.words}
        tabIndex={index === focusable ? 0 : -1}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          setActiveStart(piece.start);
          setFocused(true);
          onTip(`${piece.words}${detailNote}`, event.currentTarget.getBoundingClientRect());
        }}
        onBlur={() => {
          setFocused(false);
          onTipEnd();
        }}
        data-start={piece.start}
        data-end={piece.end}
      />
    );
  };

  return (
    <>
      <span className="tl-name" id={`tl-name-${agent.memberId}`} translate="no">
        {agent.memberName}
      </span>
      <svg
        ref={svgRef}
        className="tl-bar"
        width={width}
        height={BAR_HEIGHT}
        role="group"
        aria-labelledby={`tl-name-${agent.memberId}`}
        aria-busy={detailLoading || undefined}
        data-stretches={overview?.stretches}
        data-detail={detailed ? 'every stretch' : 'merged to pixels'}
        onMouseMove={(event) => {
          pointerX.current = event.clientX - event.currentTarget.getBoundingClientRect().left;
          setHovered(true);
          tipAtPointer(pointerX.current, event.target as Element);
        }}
        onMouseLeave={() => {
          pointerX.current = null;
          setHovered(false);
          onTipEnd();
        }}
      >
        {pieces.length === 0 && (
          <text x={4} y={14} className="tl-empty">
            {t('history.timeline.nothingRecorded')}
          </text>
        )}
        {/* A long row: one path per colour. */}
        {asPaths && piecePaths(pieces, boxes).map(({ className, d }) => <path key={className} className={className} d={d} aria-hidden="true" />)}
        {/* Each stretch its own element; of a long row only its one Tab stop, drawn over its own stretch, until every
            stretch is drawn. They are keyed by start in one list in both drawings, so React keeps the focused one. */}
        {(asPaths ? [focusable] : pieces.map((_, index) => index)).map(stretch)}
        {!asPaths &&
          pieces.map(
            (piece, index) =>
              piece.band && <rect key={`band-${piece.start}`} className={piece.band} x={boxes[index]!.x} y={BAR_HEIGHT - BAND_HEIGHT} width={boxes[index]!.width} height={BAND_HEIGHT} aria-hidden="true" />,
          )}
        {pieces.map((piece, index) => {
          const box = boxes[index]!;
          return (
            piece.label &&
            box.width > piece.label.length * CHAR_WIDTH + 6 && (
              <text key={`${piece.start}-label`} x={box.x + 3} y={14} className="tl-reason" aria-hidden="true" {...SERVER_DATA_IN_SVG}>
                {piece.label}
              </text>
            )
          );
        })}
      </svg>
    </>
  );
});

/** The index of the piece holding a moment (-1 before the first). */
function pieceAtTime(pieces: readonly BarPiece[], at: number): number {
  return lastAtOrBefore(pieces, (piece) => piece.start, at);
}

/** In items sorted by `key`, the index of the last one whose key is at most `value` (-1 when none is): a binary search. */
function lastAtOrBefore<T>(items: readonly T[], key: (item: T) => number, value: number): number {
  let low = 0;
  let high = items.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(items[mid]!) <= value) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The pieces of one colour (and the bands of one colour) as one path of rectangles: the look of a long row. */
function piecePaths(pieces: readonly BarPiece[], boxes: ReadonlyArray<{ x: number; width: number }>): Array<{ className: string; d: string }> {
  const byClass = new Map<string, string[]>();
  const add = (className: string, x: number, y: number, width: number, height: number) => {
    let parts = byClass.get(className);
    if (!parts) byClass.set(className, (parts = []));
    parts.push(`M${x.toFixed(2)} ${y}h${width.toFixed(2)}v${height}h-${width.toFixed(2)}z`);
  };
  pieces.forEach((piece, index) => {
    const box = boxes[index]!;
    add(piece.fill.replace(' seg-mixed', ''), box.x, 0, box.width, BAR_HEIGHT);
  });
  // Bands after every fill, so they lie on top.
  pieces.forEach((piece, index) => {
    const box = boxes[index]!;
    if (piece.band) add(piece.band, box.x, BAR_HEIGHT - BAND_HEIGHT, box.width, BAND_HEIGHT);
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
  const t = useT();
  const items: Array<[string, string]> = [
    ['seg-ready', t('history.state.ready')],
    ['seg-not_ready', t('history.legend.notReady')],
    ['seg-ACW', t('history.state.acw')],
    ['seg-absent', t('history.state.absent')],
    ['seg-gap', t('history.state.notObserved')],
  ];
  return (
    <ul className="tl-legend" aria-label={t('history.legend.label')}>
      {items.map(([cls, words]) => (
        <li key={cls}>
          <svg width={14} height={14} aria-hidden="true">
            <rect className={`seg ${cls}`} width={14} height={14} />
          </svg>
          {words}
        </li>
      ))}
      <li>
        <svg width={14} height={14} aria-hidden="true">
          <rect className="seg seg-ready" width={14} height={14} />
          <rect className="tl-band seg-not_ready" y={10} width={14} height={4} />
        </svg>
        {t('history.legend.runs')}
      </li>
    </ul>
  );
}
