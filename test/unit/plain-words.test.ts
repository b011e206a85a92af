import { describe, expect, it } from 'vitest';
import { cupiValueWords, glossaryEntries, plainTerm, plainText } from '../../shared/domain/glossary';
import { cupiSentinel, formatCalendarDate, formatClock, formatCupiDate, formatDateTime, formatMoment } from '../../shared/domain/time-words';
import { failureKindOf, failureSentence, httpFailureDetail, httpFailureSentence, httpStatusSentence, plainFailure } from '../../shared/domain/error-words';
import { nodeNameIn, nodeNames, type SiteProfile } from '../../shared/domain/profile';
import { describeNode, nodeLabel } from '../../shared/domain/status';
import { describeNetworkFailure } from '../../electron/services/net/network-error';
import { summarise } from '../../electron/services/cupi/service';
import { uccxDisplayValues } from '../../shared/domain/uccx';

/** Local time of a date, as the formatters see it (tests run in any time zone). */
const local = (year: number, month: number, day: number, hour = 0, minute = 0) => new Date(year, month - 1, day, hour, minute).getTime();

describe('glossary', () => {
  it('words the Java types of script parameters, keeping the raw value', () => {
    expect(plainTerm('script-parameter-type', 'java.lang.Boolean')).toEqual({ text: 'Yes/No', raw: 'java.lang.Boolean', known: true });
    expect(plainText('script-parameter-type', 'java.lang.Integer')).toBe('Whole number');
    expect(plainText('script-parameter-type', 'java.lang.String')).toBe('Text');
    expect(plainText('script-parameter-type', 'com.cisco.prompt.Playable')).toBe('Prompt');
  });

  it('names scripts by file, whatever folder or SCRIPT[] wrapper UCCX uses', () => {
    expect(plainText('script', 'SCRIPT[customer_service.aef]')).toBe('Script customer_service.aef');
    expect(plainText('script', 'SCRIPT[/default/sub/after_hours.aef]')).toBe('Script after_hours.aef');
    expect(plainText('script', '/default/sales.aef')).toBe('Script sales.aef');
    expect(plainText('script', '')).toBe('No script');
  });

  it('words queue, pool, calendar, day, agent and Unity Connection values', () => {
    expect(plainText('application-type', 'Cisco Script Application')).toBe('Script application');
    expect(plainText('queue-type', 'VOICE')).toBe('Voice');
    expect(plainText('resource-pool-type', 'SKILL_GROUP')).toBe('Skills');
    expect(plainText('calendar-type', 'PARTTIME')).toBe('Open on working hours');
    expect(plainText('calendar-type', 'FULLTIME')).toBe('Open all day (24 hours)');
    expect(plainText('day', 'MONDAY')).toBe('Monday');
    expect(plainText('agent-type', 2)).toBe('Supervisor');
    expect(plainText('cupi-field', 'CredMustChange')).toBe('Must change at next sign-in');
    expect(plainText('finesse-system-status', 'OUT_OF_SERVICE')).toBe('not in service');
  });

  it('shows an unknown value as it is, marked unknown, never hidden', () => {
    expect(plainTerm('script-parameter-type', 'com.example.Custom')).toEqual({ text: 'com.example.Custom', raw: 'com.example.Custom', known: false });
    expect(plainTerm('calendar-type', 'SPLIT')).toMatchObject({ text: 'SPLIT', known: false });
    expect(plainTerm('script', 'something odd')).toMatchObject({ text: 'something odd', known: false });
  });

  it('has words for every raw value the lab seeds', () => {
    for (const type of ['java.lang.String', 'java.lang.Boolean', 'java.lang.Integer']) expect(plainTerm('script-parameter-type', type).known).toBe(true);
    for (const kind of ['VOICE', 'CHAT', 'EMAIL']) expect(plainTerm('queue-type', kind).known).toBe(true);
    expect(glossaryEntries('day')).toHaveLength(7);
  });

  it('words Unity Connection values: flags, expiry dates and the sentinels', () => {
    expect(cupiValueWords('CredMustChange', 'true')).toBe('Yes');
    expect(cupiValueWords('TimeExpires', '1972-01-01 00:00:00.0')).toBe('Off');
    expect(cupiValueWords('TimeExpires', '2199-12-31 00:00:00.0')).toBe('No end date');
    expect(cupiValueWords('TimeChanged', '1972-01-01 00:00:00.0')).toBe('Never');
    expect(cupiValueWords('Alias', '')).toBe('(none)');
  });

  it('words the summary of a queued greeting change without the 1972 date', () => {
    const summary = summarise({ TimeExpires: '2199-12-31 00:00:00.0' }, { TimeExpires: '1972-01-01 00:00:00.0' });
    expect(summary).toBe('On until: No end date → Off');
    expect(summarise({ CredMustChange: 'false' }, { CredMustChange: 'true' })).toBe('Must change at next sign-in: No → Yes');
  });
});

describe('time words', () => {
  it('formats local times on a 24-hour clock and dates with the month in words', () => {
    expect(formatClock(local(2026, 3, 4, 9, 5))).toBe('09:05');
    expect(formatDateTime(local(2026, 12, 24, 18, 0))).toBe('24 Dec 2026, 18:00');
    expect(formatCalendarDate('2025-12-25')).toBe('Thursday 25 Dec 2025');
    expect(formatCalendarDate('2025-02-30')).toBe('2025-02-30');
    expect(formatCalendarDate('not a date')).toBe('not a date');
  });

  it('shortens a moment to what is needed relative to now', () => {
    const now = local(2026, 6, 15, 12, 0);
    expect(formatMoment(local(2026, 6, 15, 9, 30), now)).toBe('09:30');
    expect(formatMoment(local(2026, 1, 2, 9, 30), now)).toBe('2 Jan, 09:30');
    expect(formatMoment(local(2025, 1, 2, 9, 30), now)).toBe('2 Jan 2025, 09:30');
  });

  it('reads the Unity Connection sentinel dates as words', () => {
    expect(cupiSentinel('1972-01-01 00:00:00.0')).toBe('long-ago');
    expect(cupiSentinel('2099-12-31 23:59:59.0')).toBe('far-future');
    expect(cupiSentinel('')).toBe('empty');
    expect(cupiSentinel('2031-01-01 00:00:00.0')).toBeNull();
    expect(formatCupiDate('1972-01-01 00:00:00.0')).toBe('Never');
    expect(formatCupiDate(undefined)).toBe('Not set');
    expect(formatCupiDate('2099-12-31 23:59:59.0', 'expiry')).toBe('No end date');
    expect(formatCupiDate('1972-01-01 00:00:00.0', 'expiry')).toBe('Off');
    // A real date is shown in local time: CUPI writes GMT.
    expect(formatCupiDate('2031-01-01 12:00:00.0')).toBe(formatDateTime(Date.UTC(2031, 0, 1, 12)));
    expect(formatCupiDate('garbled')).toBe('garbled');
  });
});

describe('error words', () => {
  it('maps socket codes to kinds', () => {
    expect(failureKindOf('ECONNREFUSED')).toBe('connection-refused');
    expect(failureKindOf('ETIMEDOUT')).toBe('timed-out');
    expect(failureKindOf('ENOTFOUND')).toBe('name-not-found');
    expect(failureKindOf('ECONNRESET')).toBe('connection-reset');
    expect(failureKindOf('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('certificate-untrusted');
    expect(failureKindOf('EWHATEVER')).toBe('protocol');
  });

  it('names the system and the node in the sentence and keeps the raw error for the log', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:42497'), { code: 'ECONNREFUSED' });
    const failure = plainFailure(error, { system: 'UCCX', node: 'ccx-a' });
    expect(failure.sentence).toBe('UCCX node ccx-a refused the connection (is the Cisco Tomcat service running?).');
    expect(failure.detail).toBe('connect ECONNREFUSED 127.0.0.1:42497');
    expect(plainFailure(error, { system: 'Report server', node: 'lab', single: true }).sentence).toBe('Report server lab refused the connection (is the report server running?).');
    expect(failureSentence('timed-out', { system: 'Unity Connection', node: 'cuc-pub' })).toBe('Unity Connection node cuc-pub did not answer in time.');
    expect(failureSentence('name-not-found', { system: 'Finesse', node: 'ccx-b' })).toMatch(/^The name of Finesse node ccx-b was not found/);
  });

  it('words HTTP statuses', () => {
    const place = { system: 'UCCX', node: 'ccx-a' };
    expect(httpStatusSentence(401, place)).toMatch(/^UCCX node ccx-a did not accept the user name or password/);
    expect(httpStatusSentence(403, place)).toMatch(/does not allow this account/);
    expect(httpStatusSentence(404, place)).toMatch(/HTTP 404/);
    expect(httpStatusSentence(500, place)).toMatch(/internal error \(HTTP 500\)/);
    expect(httpStatusSentence(503, place)).toMatch(/busy or not in service/);
    expect(httpStatusSentence(400, place)).toBe('UCCX node ccx-a refused the request as invalid (HTTP 400).');
    expect(httpStatusSentence(409, place)).toMatch(/conflicts with what is there now \(HTTP 409\)/);
  });

  it('keeps the server\'s own reason after the sentence, and the status and address apart', () => {
    const place = { system: 'Unity Connection', node: 'cuc-pub' };
    expect(httpFailureSentence(400, place, ' The PIN must be at least 6 digits long. ')).toBe(
      'Unity Connection node cuc-pub refused the request as invalid (HTTP 400). It said: The PIN must be at least 6 digits long.',
    );
    expect(httpFailureSentence(500, place, '')).toBe('Unity Connection node cuc-pub had an internal error (HTTP 500).');
    expect(httpFailureSentence(500, place, null)).not.toMatch(/answered HTTP/);
    expect(httpFailureDetail(500, 'PUT', 'https://cuc-pub/vmrest/users/1')).toBe('HTTP 500 from PUT https://cuc-pub/vmrest/users/1');
  });

  it('main words a request failure by its place, and the raw error becomes the detail', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:8443'), { code: 'ECONNREFUSED' });
    const named = describeNetworkFailure(error, '10.0.0.5:8443', { system: 'UCCX', node: 'ccx-a' });
    expect(named.kind).toBe('connection-refused');
    expect(named.message).not.toMatch(/ECONNREFUSED|10\.0\.0\.5/);
    expect(named.detail).toContain('ECONNREFUSED');
    // An already described failure is worded again once its place is known.
    expect(describeNetworkFailure(describeNetworkFailure(error, '10.0.0.5:8443'), '10.0.0.5:8443', { system: 'UCCX', node: 'ccx-b' }).message).toMatch(/^UCCX node ccx-b refused/);
  });
});

describe('node names', () => {
  const profile: SiteProfile = {
    id: 'p',
    name: 'Site',
    uccx: { nodes: ['https://10.0.0.5:8443', 'https://10.0.0.6:8443'], nodeLabels: ['ccx-a', 'ccx-b'], username: 'u', passwordSet: true },
    cupi: { publisher: 'https://cuc-pub.example.com', subscriber: 'https://cuc-sub.example.com', username: 'u', passwordSet: true },
    finesse: { nodes: ['https://10.0.0.5:8445', 'https://10.0.0.6:8445'], username: 'u', passwordSet: true },
  };

  it('uses the profile label, else the host name, else host:port when host names repeat', () => {
    expect(nodeNames(['https://a.example.com', 'https://b.example.com'])).toEqual(['a.example.com', 'b.example.com']);
    expect(nodeNames(['http://127.0.0.1:1000', 'http://127.0.0.1:2000'])).toEqual(['127.0.0.1:1000', '127.0.0.1:2000']);
    expect(nodeNames(['http://127.0.0.1:1000', 'http://127.0.0.1:2000'], ['ccx-a', ' '])).toEqual(['ccx-a', '127.0.0.1:2000']);
    expect(nodeNameIn(profile, 'uccx', 'https://10.0.0.6:8443')).toBe('ccx-b');
    expect(nodeNameIn(profile, 'cupi', 'https://cuc-sub.example.com')).toBe('cuc-sub.example.com');
    // Finesse borrows the UCCX label of the same host.
    expect(nodeNameIn(profile, 'finesse', 'https://10.0.0.5:8445')).toBe('ccx-a');
    expect(nodeLabel('uccx', 'https://10.0.0.5:8443', 'ccx-a')).toBe('UCCX ccx-a');
  });

  it('calls a standby node normal, in words', () => {
    const standby = describeNode({ kind: 'standby', since: 0, latencyMs: 20 });
    expect(standby.state).toBe('ok');
    expect(standby.detail).toMatch(/^Standby — takes over if the active node fails/);
  });
});

describe('UCCX review values', () => {
  it('names agents, CSQs, teams and resource groups instead of their ids, keeping unknown ids', () => {
    const config = {
      agents: [{ userID: 'sup02', firstName: 'Diego', lastName: 'Rossi' }],
      csqs: [{ id: '3', name: 'Billing_CSQ' }],
      teams: [{ id: '7', name: 'Night Shift' }],
      resourceGroups: [{ id: '2', name: 'Tier 2' }],
    } as unknown as Parameters<typeof uccxDisplayValues>[1];
    expect(uccxDisplayValues({ secondarySupervisors: ['sup02', 'gone'], csqs: ['3'], team: '7', resourceGroup: '2', primarySupervisor: null, alias: '3' }, config)).toEqual({
      secondarySupervisors: ['Diego Rossi (sup02)', 'gone'],
      csqs: ['Billing_CSQ'],
      team: 'Night Shift',
      resourceGroup: 'Tier 2',
      primarySupervisor: null,
      alias: '3',
    });
  });
});
