import { afterAll, describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { describeSegment, summaryColumns, summaryReasons, summaryToCsv } from '../../renderer/src/features/history/history-model';
import type { AgentDaySummary, TimelineSegment } from '../../shared/domain/history';

/**
 * The History screen's words in German and Spanish, from the same data: a
 * stretch's tooltip and the summary's headers follow the language, while the
 * summary's CSV keeps its English keys and English cells (docs/i18n.md, "CSV exports").
 */

const at = (time: string) => new Date(`2026-03-02T${time}`).getTime();
const lunch: TimelineSegment = { kind: 'state', start: at('08:10:00'), end: at('08:50:00'), status: 'not_ready', reason: 'Lunch', agentState: null, startAtLeast: false };
const gap: TimelineSegment = { kind: 'gap', start: at('09:10:00'), end: at('09:12:01') };
const anna: AgentDaySummary = {
  memberId: 'anna',
  memberName: 'Anna Schmidt',
  memberType: 'Agent',
  byState: [
    { status: 'ready', reason: '', ms: 1_709_000 },
    { status: 'not_ready', reason: 'Lunch', ms: 2_400_000 },
    { status: 'not_ready', reason: '', ms: 60_000 },
  ],
  longestNotReady: { start: at('08:10:00'), ms: 2_400_000, reason: 'Lunch' },
  signOuts: 0,
  firstSeen: at('08:00:01'),
  lastSeen: at('09:30:00'),
};
const ENGLISH_CSV = [
  'Name,Ready,Not Ready,Not Ready: Lunch,Not Ready: no reason,ACW,Longest Not Ready,Signed out,First seen,Last seen',
  'Anna Schmidt,0:28:29,0:41:00,0:40:00,0:01:00,0:00:00,0:40:00 (Lunch) from 08:10:00,0,08:00:01,09:30:00',
  '',
].join('\r\n');

afterAll(() => applyLanguage('en'));

describe('History words', () => {
  it('in English, as before', async () => {
    await applyLanguage('en');
    expect(describeSegment(lunch)).toBe('Not Ready (Lunch), 08:10:00 to 08:50:00, 40 min 00 s');
    expect(describeSegment(gap)).toBe('Not observed (the console was not receiving the board), 09:10:00 to 09:12:01, 2 min 01 s');
    const columns = summaryColumns(summaryReasons([anna]));
    expect(summaryToCsv([anna], columns)).toBe(ENGLISH_CSV);
  });

  it('in German: the tooltip and the headers in German, the reason code as the server sent it, the CSV unchanged', async () => {
    await applyLanguage('de');
    expect(describeSegment(lunch)).toBe('Nicht bereit (Lunch), 08:10:00 bis 08:50:00, 40 Min. 00 Sek.');
    expect(describeSegment(gap)).toBe('Nicht beobachtet (die Konsole hat die Teamübersicht nicht empfangen), 09:10:00 bis 09:12:01, 2 Min. 01 Sek.');
    const columns = summaryColumns(summaryReasons([anna]));
    expect(columns.map((column) => column.label)).toEqual([
      'Name',
      'Bereit',
      'Nicht bereit',
      'Nicht bereit: Lunch',
      'Nicht bereit: kein Grund',
      'Nachbearbeitung',
      'Längstes Nicht bereit',
      'Abgemeldet',
      'Zuerst gesehen',
      'Zuletzt gesehen',
    ]);
    expect(columns.find((column) => column.id === 'longest')!.text(anna)).toBe('0:40:00 (Lunch) ab 08:10:00');
    expect(summaryToCsv([anna], columns)).toBe(ENGLISH_CSV);
  });

  it('in Spanish', async () => {
    await applyLanguage('es');
    expect(describeSegment(lunch)).toBe('No disponible (Lunch), de 08:10:00 a 08:50:00, 40 min 00 s');
    const columns = summaryColumns(summaryReasons([anna]));
    expect(columns.find((column) => column.id === 'reason:')!.label).toBe('No disponible: sin motivo');
    expect(summaryToCsv([anna], columns)).toBe(ENGLISH_CSV);
  });
});
