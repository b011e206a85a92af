import { describe, expect, it } from 'vitest';
import { checkUccxName, describeUsage, uccxUsage, validateUccxCreate, validateUccxFields, type UccxConfig } from '../../shared/domain/uccx';
import { csqView, newObject } from '../../electron/services/uccx/entities';
import { serializeXml } from '../../electron/services/uccx/xml-tree';

const fields = (errors: Array<{ field: string }>) => errors.map((error) => error.field);

/** A small configuration: two teams (one serving CSQ 7), an application whose script reads calendar "Office", agents in team 1. */
const config: UccxConfig = {
  agents: [
    { userID: 'sup1', firstName: 'Sam', lastName: 'Super', extension: '1', alias: '', autoAvailable: false, type: 2, team: { id: '1', name: 'Billing' }, resourceGroup: null, skills: [] },
    { userID: 'ag1', firstName: 'Ann', lastName: 'Agent', extension: '2', alias: '', autoAvailable: false, type: 1, team: { id: '1', name: 'Billing' }, resourceGroup: null, skills: [] },
  ],
  skills: [{ id: '3', name: 'Billing' }],
  resourceGroups: [{ id: '4', name: 'Floor' }],
  csqs: [{ id: '7', name: 'Billing_CSQ', queueType: 'VOICE', resourcePoolType: 'SKILL_GROUP', serviceLevel: 5, serviceLevelPercentage: 70, wrapupTime: 0, autoWork: false, selectionCriteria: 'Most Skilled', skills: [] }],
  teams: [
    { id: '1', name: 'Billing', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [{ id: '7', name: 'Billing_CSQ' }] },
    { id: '2', name: 'Sales', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [{ id: '7', name: 'Billing_CSQ' }] },
    { id: '9', name: 'Default', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [] },
    { id: '10', name: 'Empty', primarySupervisor: null, secondarySupervisors: [], members: [], csqs: [] },
  ],
  applications: [
    { name: 'Main', id: 1, type: 'Cisco Script Application', description: '', enabled: true, maxsession: 10, script: '', params: [{ name: 'hours', value: 'office', type: 'com.cisco.cccalendar.CCCalendar' }] },
    { name: 'Other', id: 2, type: 'Cisco Script Application', description: '', enabled: true, maxsession: 10, script: '', params: [{ name: 'hours', value: 'Office', type: 'java.lang.String' }] },
  ],
  calendars: [
    { id: '5', name: 'Office', description: '', timeZone: 'Etc/Universal', calendarType: 'PARTTIME', workingDays: [], holidays: [] },
    { id: '6', name: 'Spare', description: '', timeZone: 'Etc/Universal', calendarType: 'FULLTIME', workingDays: [], holidays: [] },
  ],
  fetchedAt: 0,
  source: 'live',
  node: null,
};

const newCsq = { name: 'Claims', resourcePoolType: 'SKILL_GROUP', serviceLevel: 20, serviceLevelPercentage: 80, wrapupTime: 0, autoWork: false, selectionCriteria: 'Most Skilled', 'skill/3': 2 };

describe('names as UCCX takes them', () => {
  it('refuses blank, too long, padded and control characters; takes spaces, hyphens and other characters inside', () => {
    expect(checkUccxName('name', 'Sales - Tier 2 (EMEA)', 50)).toEqual([]);
    expect(fields(checkUccxName('name', '', 50))).toEqual(['name']);
    expect(fields(checkUccxName('name', 'x'.repeat(51), 50))).toEqual(['name']);
    expect(checkUccxName('name', ' Sales', 50)[0]!.message).toMatch(/space at the start or end/);
    expect(checkUccxName('name', 'Sales\tTeam', 50)[0]!.message).toMatch(/control characters/);
    // Teams 1–49, calendars 1–30 (Cisco's data structures).
    expect(fields(validateUccxFields('team', { name: 'x'.repeat(50) }))).toEqual(['name']);
    expect(fields(validateUccxFields('calendar', { name: 'x'.repeat(31) }))).toEqual(['name']);
    expect(validateUccxFields('calendar', { name: 'x'.repeat(30) })).toEqual([]);
  });
  it('checks time zones by name', () => {
    expect(validateUccxFields('calendar', { timeZone: 'Europe/Paris' })).toEqual([]);
    expect(validateUccxFields('calendar', { timeZone: 'Etc/Universal' })).toEqual([]);
    expect(fields(validateUccxFields('calendar', { timeZone: 'Mars/Olympus' }))).toEqual(['timeZone']);
  });
  it('keeps at most three opening intervals a day and 40 holidays', () => {
    const day = (startTime: string, endTime: string) => ({ day: 'MONDAY', startTime, endTime });
    expect(fields(validateUccxFields('calendar', { workingDays: [day('08:00', '09:00'), day('10:00', '11:00'), day('12:00', '13:00'), day('14:00', '15:00')] }))).toEqual(['workingDays.3.day']);
    const holidays = Array.from({ length: 41 }, (_, i) => ({ date: `2099-01-${String((i % 28) + 1).padStart(2, '0')}`, description: '' }));
    expect(fields(validateUccxFields('calendar', { holidays })).includes('holidays')).toBe(true);
  });
});

describe('a new CSQ, team or calendar as a whole', () => {
  it('takes a complete skill-based CSQ and refuses a taken name in any case', () => {
    expect(validateUccxCreate('csq', newCsq, { config })).toEqual([]);
    expect(validateUccxCreate('csq', { ...newCsq, name: 'BILLING_csq' }, { config })).toEqual([
      // Said by id too, for the editor to say in the user's language.
      { field: 'name', message: expect.stringMatching(/already exists/), said: { id: 'validation.uccx.create.nameTaken', values: { type: 'csq' } } },
    ]);
  });
  it('needs skills for a skill-based CSQ, a group (and a group criterion) for a resource-group one', () => {
    const { 'skill/3': _skill, ...noSkills } = newCsq;
    expect(fields(validateUccxCreate('csq', noSkills, { config }))).toEqual(['skills']);
    const pooled = { ...noSkills, resourcePoolType: 'RESOURCE_GROUP', selectionCriteria: 'Longest Available' };
    expect(fields(validateUccxCreate('csq', pooled, { config }))).toEqual(['resourceGroup']);
    expect(validateUccxCreate('csq', { ...pooled, resourceGroup: '4' }, { config })).toEqual([]);
    expect(fields(validateUccxCreate('csq', { ...pooled, resourceGroup: '4', selectionCriteria: 'Most Skilled' }, { config }))).toEqual(['selectionCriteria']);
    expect(fields(validateUccxCreate('csq', { ...pooled, resourceGroup: '99' }, { config }))).toEqual(['resourceGroup']);
  });
  it('lists every missing field and judges the values', () => {
    expect(fields(validateUccxCreate('csq', { name: 'X', 'skill/3': 2 }, { config }))).toEqual(['resourcePoolType', 'serviceLevel', 'serviceLevelPercentage', 'wrapupTime', 'autoWork', 'selectionCriteria']);
    expect(fields(validateUccxCreate('csq', { ...newCsq, serviceLevelPercentage: 101, wrapupTime: -1 }, { config }))).toEqual(['serviceLevelPercentage', 'wrapupTime']);
  });
  it('takes a team with a supervisor as primary supervisor only', () => {
    expect(validateUccxCreate('team', { name: 'Nights', primarySupervisor: 'sup1', csqs: ['7'] }, { config })).toEqual([]);
    expect(fields(validateUccxCreate('team', { name: 'Nights', primarySupervisor: 'ag1', csqs: [] }, { config }))).toEqual(['primarySupervisor']);
    expect(fields(validateUccxCreate('team', { name: 'Sales', primarySupervisor: null, csqs: ['8'] }, { config }))).toEqual(['name', 'csqs']);
  });
  it('refuses holidays in the past on a new calendar', () => {
    const calendar = { name: 'Winter', description: '', timeZone: 'Europe/Paris', calendarType: 'PARTTIME', workingDays: [], holidays: [{ date: '2026-01-01', description: '' }, { date: '2026-12-24', description: '' }] };
    expect(fields(validateUccxCreate('calendar', calendar, { config, today: '2026-06-01' }))).toEqual(['holidays.0.date']);
  });
});

describe('what refuses a delete', () => {
  it('names every team that serves a CSQ', () => {
    const usage = uccxUsage(config, 'csq', '7');
    expect(usage).toEqual([{ kind: 'team', names: ['Billing', 'Sales'] }]);
    expect(describeUsage('CSQ Billing_CSQ', usage)).toBe('CSQ Billing_CSQ cannot be deleted: teams Billing and Sales serve it; remove it from those teams first.');
    expect(uccxUsage({ ...config, teams: config.teams.map((team) => ({ ...team, csqs: [] })) }, 'csq', '7')).toEqual([]);
  });
  it('names the applications whose calendar parameter names the calendar (by name in any case, or id), not other parameters', () => {
    expect(uccxUsage(config, 'calendar', '5')).toEqual([{ kind: 'application', names: ['Main'] }]);
    expect(uccxUsage(config, 'calendar', '6')).toEqual([]);
    const byId = { ...config, applications: [{ ...config.applications[0]!, params: [{ name: 'hours', value: '6', type: 'com.cisco.cccalendar.CCCalendar' }] }] };
    expect(describeUsage('Calendar Spare', uccxUsage(byId, 'calendar', '6'))).toMatch(/application Main uses it in a script parameter/);
  });
  it('refuses a team with agents (naming them) and the Default team; an empty team may go', () => {
    expect(uccxUsage(config, 'team', '1')).toEqual([{ kind: 'agent', names: ['Sam Super (sup1)', 'Ann Agent (ag1)'] }]);
    expect(uccxUsage(config, 'team', '9')).toEqual([{ kind: 'default-team', names: ['Default'] }]);
    expect(uccxUsage(config, 'team', '10')).toEqual([]);
  });
});

describe('the POST body of a new CSQ', () => {
  const names = { baseUrl: 'https://ccx', name: (type: string, id: string) => (type === 'resourceGroup' ? 'Floor' : type === 'skill' ? 'Billing' : id) };
  it('is a voice FIFO CSQ with its skills before the criteria', () => {
    const xml = serializeXml(newObject('csq', newCsq, names));
    expect(xml).toMatch(/<queueType>VOICE<\/queueType><routingType>VOICE<\/routingType><queueAlgorithm>FIFO<\/queueAlgorithm>/);
    expect(xml).toMatch(/<skillGroup><skillCompetency><competencelevel>2<\/competencelevel><skillNameUriPair name="Billing"><refURL>https:\/\/ccx\/adminapi\/skill\/3<\/refURL><\/skillNameUriPair><weight>1<\/weight><\/skillCompetency><selectionCriteria>Most Skilled<\/selectionCriteria><\/skillGroup>/);
  });
  it('puts a resource-group CSQ\'s group and criteria under poolSpecificInfo/resourceGroup, and reads them back', () => {
    const object = newObject('csq', { name: 'Pool', resourcePoolType: 'RESOURCE_GROUP', resourceGroup: '4', selectionCriteria: 'Longest Available', serviceLevel: 5 }, names);
    expect(serializeXml(object)).toMatch(/<poolSpecificInfo><resourceGroup><resourceGroupNameUriPair name="Floor"><refURL>https:\/\/ccx\/adminapi\/resourceGroup\/4<\/refURL><\/resourceGroupNameUriPair><selectionCriteria>Longest Available<\/selectionCriteria><\/resourceGroup><\/poolSpecificInfo>/);
    expect(csqView(object)).toMatchObject({ resourcePoolType: 'RESOURCE_GROUP', resourceGroup: { id: '4', name: 'Floor' }, selectionCriteria: 'Longest Available' });
  });
});
