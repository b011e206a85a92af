import type { JourneyResult, JourneyStep } from '../../../../shared/domain/board';

/**
 * CSV and JSON exports of a call journey (pure: tested without a DOM).
 * The CSV's header row is the same English column keys in every language,
 * so scripts and spreadsheets that read it never break when a supervisor
 * switches language (docs/i18n.md, "CSV exports").
 */

const CSV_COLUMNS: ReadonlyArray<{ header: string; value: (step: JourneyStep, index: number) => string }> = [
  { header: 'Step', value: (_s, i) => String(i + 1) },
  { header: 'Call ID', value: (s) => s.callId },
  { header: 'Device', value: (s) => s.device },
  { header: 'Device type', value: (s) => s.deviceType },
  { header: 'Description', value: (s) => s.description },
  { header: 'Duration', value: (s) => s.duration },
];

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
export function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function journeyToCsv(steps: readonly JourneyStep[]): string {
  const lines = [CSV_COLUMNS.map((c) => c.header).join(',')];
  steps.forEach((step, index) => lines.push(CSV_COLUMNS.map((c) => csvCell(c.value(step, index))).join(',')));
  return `${lines.join('\r\n')}\r\n`;
}

export function journeyToJson(result: Extract<JourneyResult, { found: true }>): string {
  return `${JSON.stringify({ callId: result.callId, retrievedAt: new Date(result.receivedAt).toISOString(), steps: result.steps }, null, 2)}\n`;
}

/** Share of the whole call for each step, for the timeline; unknown durations get none. */
export function timelineShares(steps: readonly JourneyStep[]): number[] {
  const total = steps.reduce((sum, s) => sum + (s.durationSeconds ?? 0), 0);
  return steps.map((s) => (total > 0 ? (s.durationSeconds ?? 0) / total : 1 / Math.max(1, steps.length)));
}
