import { describe, expect, it } from 'vitest';
import { parseXml, serializeXml } from '../../electron/services/uccx/xml-tree';
import { agentView, applyFields, calendarView, csqView, fieldsOf, teamView, applicationView } from '../../electron/services/uccx/entities';
import { checkPromptWav } from '../../electron/services/uccx/wav-check';
import { promptWavProblem } from '../../shared/domain/prompt-format';
import { setupI18n } from '@lingui/core';
import { CATALOGUE_LANGUAGES, compileCatalogue } from '../../scripts/i18n/compile-catalogue';
import { errorMessageOf, uccxHttpError, nodeNames } from '../../electron/services/uccx/client';
import { describeState, uccxServerState } from '../../electron/services/uccx/service';
import { createToneWav } from '../../lab/uccx/wav';
import { changedFields, type UccxNodeState } from '../../shared/domain/uccx';
import { describeNode, type NodeCondition, type NodeConditionKind } from '../../shared/domain/status';

// apis.md 5.1 (a), plus things this console does not model: an unknown element with an
// attribute, a comment, an attribute on a known element and an unknown child in the skill map.
const RESOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<resource>
  <self>https://uccx1.example.com/adminapi/resource/jdoe</self>
  <userID>jdoe</userID>
  <firstName>Jane</firstName>
  <lastName>Doe</lastName>
  <extension>4011</extension>
  <alias xml:lang="en">Jane</alias>
  <!-- provisioned by hand -->
  <futureThing version="2"><deep a="1">x &amp; y</deep></futureThing>
  <resourceGroup name="Billing RG">
    <refURL>https://uccx1.example.com/adminapi/resourceGroup/3</refURL>
  </resourceGroup>
  <skillMap>
    <skillCompetency>
      <competencelevel>7</competencelevel>
      <skillNameUriPair name="Billing">
        <refURL>https://uccx1.example.com/adminapi/skill/5</refURL>
      </skillNameUriPair>
    </skillCompetency>
    <mapNote>keep</mapNote>
  </skillMap>
  <autoAvailable>false</autoAvailable>
  <type>1</type>
  <team name="Billing Team">
    <refURL>https://uccx1.example.com/adminapi/team/2</refURL>
  </team>
  <primarySupervisorOf/>
  <secondarySupervisorOf/>
</resource>`;

const names = { baseUrl: 'https://ccx-a', name: (type: string, id: string) => (type === 'skill' && id === '9' ? 'Spanish' : type === 'team' ? `Team ${id}` : undefined) };

describe('UCCX XML model', () => {
  it('reads the modelled fields', () => {
    const agent = agentView(parseXml(RESOURCE));
    expect(agent).toMatchObject({ userID: 'jdoe', alias: 'Jane', autoAvailable: false, type: 1 });
    expect(agent.team).toEqual({ id: '2', name: 'Billing Team' });
    expect(agent.resourceGroup).toEqual({ id: '3', name: 'Billing RG' });
    expect(agent.skills).toEqual([{ skillId: '5', name: 'Billing', level: 7 }]);
    expect(fieldsOf('resource', parseXml(RESOURCE))).toEqual({ alias: 'Jane', autoAvailable: false, team: '2', resourceGroup: '3', 'skill/5': 7 });
  });

  it('writes changed fields in place and keeps everything else, in order', () => {
    const original = parseXml(RESOURCE);
    const changed = applyFields('resource', original, { 'skill/5': 8, 'skill/9': 4, alias: 'J & D', team: '4' }, names);
    const xml = serializeXml(changed);
    // Unknown elements, attributes and comments survive.
    expect(xml).toContain('<futureThing version="2"><deep a="1">x &amp; y</deep></futureThing>');
    expect(xml).toContain('<!-- provisioned by hand -->');
    expect(xml).toContain('<alias xml:lang="en">J &amp; D</alias>');
    expect(xml).toContain('<mapNote>keep</mapNote>');
    // Order of the top-level elements is unchanged.
    const order = (text: string) => [...text.matchAll(/<([A-Za-z]+)[ >/]/g)].map((m) => m[1]).filter((n) => n !== 'refURL');
    expect(order(xml).slice(0, 9)).toEqual(order(serializeXml(original)).slice(0, 9));
    const agent = agentView(parseXml(xml));
    expect(agent.skills).toEqual([
      { skillId: '5', name: 'Billing', level: 8 },
      { skillId: '9', name: 'Spanish', level: 4 },
    ]);
    expect(agent.team).toEqual({ id: '4', name: 'Team 4' });
    expect(xml).toContain('<refURL>https://ccx-a/adminapi/team/4</refURL>');
    // The original is not modified.
    expect(agentView(original).alias).toBe('Jane');
  });

  it('removes a skill and clears a nillable reference', () => {
    const changed = applyFields('resource', parseXml(RESOURCE), { 'skill/5': null, resourceGroup: null }, names);
    const agent = agentView(changed);
    expect(agent.skills).toEqual([]);
    expect(agent.resourceGroup).toBeNull();
    expect(serializeXml(changed)).toContain('<resourceGroup/>');
  });

  it('reads teams with the product spelling and CSQs with capitalised skill URLs', () => {
    const team = teamView(
      parseXml(`<team><teamId>2</teamId><teamname>Billing Team</teamname><primarySupervisor name="msmith"><refURL>https://u/adminapi/resource/msmith</refURL></primarySupervisor>
      <secondarySupervisors><secondrySupervisor name="kwong"><refURL>https://u/adminapi/resource/kwong</refURL></secondrySupervisor></secondarySupervisors>
      <resources><resource name="jdoe"><refURL>https://u/adminapi/resource/jdoe</refURL></resource></resources><csqs/></team>`),
    );
    expect(team).toMatchObject({ id: '2', name: 'Billing Team', primarySupervisor: { id: 'msmith' }, secondarySupervisors: [{ id: 'kwong', name: 'kwong' }], members: [{ id: 'jdoe', name: 'jdoe' }], csqs: [] });
    const csq = parseXml(`<csq><id>4</id><name>Billing_CSQ</name><autoWork>true</autoWork><wrapupTime>30</wrapupTime><serviceLevel>20</serviceLevel><serviceLevelPercentage>80</serviceLevelPercentage>
      <poolSpecificInfo><skillGroup><skillCompetency><competencelevel>3</competencelevel><skillNameUriPair name="Billing"><refURL>https://u/adminapi/Skill/5</refURL></skillNameUriPair><weight>1</weight></skillCompetency><selectionCriteria>Most Skilled</selectionCriteria></skillGroup></poolSpecificInfo></csq>`);
    expect(csqView(csq).skills).toEqual([{ skillId: '5', name: 'Billing', level: 3, weight: 1 }]);
    const edited = serializeXml(applyFields('csq', csq, { 'skill/9': 2, selectionCriteria: 'Longest Available', wrapupTime: 60 }, names));
    // New competency before selectionCriteria, weight kept on the old one.
    expect(edited).toMatch(/<weight>1<\/weight><\/skillCompetency><skillCompetency><competencelevel>2<\/competencelevel>.*<\/skillCompetency><selectionCriteria>Longest Available<\/selectionCriteria>/);
    expect(edited).toContain('<wrapupTime>60</wrapupTime>');
  });

  it('edits script parameters and calendar schedules', () => {
    const application = parseXml(`<application><ScriptApplication><script>[main.aef]</script><scriptParams><name>holidayMode</name><value>false</value><type>java.lang.Boolean</type></scriptParams></ScriptApplication><applicationName>Sales</applicationName><enabled>true</enabled></application>`);
    const changed = applicationView(applyFields('application', application, { 'param/holidayMode': 'true', enabled: false }, names));
    expect(changed.params).toEqual([{ name: 'holidayMode', value: 'true', type: 'java.lang.Boolean' }]);
    expect(changed.enabled).toBe(false);
    const calendar = parseXml(`<calendar><id>1</id><name>Office</name><workingDays><workingDay><day>MONDAY</day><startTime>08:00</startTime><endTime>18:00</endTime></workingDay></workingDays><holidays/></calendar>`);
    const edited = calendarView(applyFields('calendar', calendar, { holidays: [{ date: '2026-12-25', description: 'Christmas' }] }, names));
    expect(edited.holidays).toEqual([{ date: '2026-12-25', description: 'Christmas' }]);
    expect(edited.workingDays).toHaveLength(1);
  });

  it('computes the changed fields of an edit', () => {
    expect(changedFields({ a: 1, b: 'x', 'skill/1': 3 }, { a: 1, b: 'y', 'skill/2': 4 })).toEqual({
      base: { b: 'x', 'skill/1': 3, 'skill/2': null },
      mine: { b: 'y', 'skill/1': null, 'skill/2': 4 },
    });
  });
});

describe('prompt format check', () => {
  it('accepts 8 kHz mono mu-law and explains what is wrong with anything else', () => {
    expect(checkPromptWav(createToneWav(200))).toBeNull();
    expect(checkPromptWav(Buffer.from('hello'))).toMatch(/not a WAVE/);
    const pcm = Buffer.alloc(44 + 100);
    pcm.write('RIFF', 0);
    pcm.writeUInt32LE(36 + 100, 4);
    pcm.write('WAVE', 8);
    pcm.write('fmt ', 12);
    pcm.writeUInt32LE(16, 16);
    pcm.writeUInt16LE(1, 20);
    pcm.writeUInt16LE(2, 22);
    pcm.writeUInt32LE(44100, 24);
    pcm.writeUInt16LE(16, 34);
    pcm.write('data', 36);
    pcm.writeUInt32LE(100, 40);
    expect(checkPromptWav(pcm)).toBe('This file is 44.1 kHz 16-bit stereo PCM; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.');
    // One thing wrong is named as clearly: 8 kHz mono µ-law at 16 bits per sample.
    const mulaw16 = Buffer.from(createToneWav(100));
    mulaw16.writeUInt16LE(16, 34);
    expect(checkPromptWav(mulaw16)).toBe('This file is 8 kHz 16-bit mono µ-law; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.');
  });

  /** A RIFF/WAVE header with this format and `dataBytes` of silence. */
  function wave(format: { tag: number; channels: number; rate: number; bits: number }, dataBytes = 100): Buffer {
    const bytes = Buffer.alloc(44 + dataBytes);
    bytes.write('RIFF', 0);
    bytes.writeUInt32LE(36 + dataBytes, 4);
    bytes.write('WAVE', 8);
    bytes.write('fmt ', 12);
    bytes.writeUInt32LE(16, 16);
    bytes.writeUInt16LE(format.tag, 20);
    bytes.writeUInt16LE(format.channels, 22);
    bytes.writeUInt32LE(format.rate, 24);
    bytes.writeUInt16LE(format.bits, 34);
    bytes.write('data', 36);
    bytes.writeUInt32LE(dataBytes, 40);
    return bytes;
  }

  it('says each refusal by message id: in English exactly as main words it, in German and Spanish in their own words', () => {
    const say = (language: string) => {
      const i18n = setupI18n({ locale: language, messages: { [language]: compileCatalogue(language as (typeof CATALOGUE_LANGUAGES)[number]) } });
      return (bytes: Uint8Array) => {
        const problem = promptWavProblem(bytes)!;
        expect(i18n.messages[problem.said.id], `${language} ${problem.said.id}`).toBeDefined();
        return i18n._(problem.said.id, problem.said.values);
      };
    };
    const files = [
      Buffer.from('hello'),
      wave({ tag: 1, channels: 2, rate: 44_100, bits: 16 }),
      wave({ tag: 3, channels: 1, rate: 48_000, bits: 32 }),
      wave({ tag: 6, channels: 6, rate: 11_025, bits: 8 }),
      wave({ tag: 0x55, channels: 2, rate: 22_050, bits: 0 }),
      wave({ tag: 0xfffe, channels: 1, rate: 8000, bits: 8 }),
      wave({ tag: 7, channels: 1, rate: 8000, bits: 8 }, 0),
    ];
    const english = say('en');
    for (const file of files) expect(english(file)).toBe(checkPromptWav(file));
    expect(files.map((file) => checkPromptWav(file))).toContain('This file is 11.025 kHz 8-bit 6-channel A-law; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.');
    expect(files.map((file) => checkPromptWav(file))).toContain('This file is 8 kHz 8-bit mono encoding 65534; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.');
    const stereo = files[1]!;
    expect(say('de')(stereo)).toBe('Diese Datei hat das Format PCM stereo, 44,1 kHz, 16 Bit; UCCX benötigt 8 kHz, 8 Bit, µ-law oder A-law, mono.');
    expect(say('es')(stereo)).toBe('Este archivo es PCM estéreo a 44,1 kHz y 16 bits; UCCX necesita 8 kHz, 8 bits, µ-law o A-law, mono.');
    expect(say('de')(files[3]!)).toBe('Diese Datei hat das Format A-law mit 6 Kanälen, 11,025 kHz, 8 Bit; UCCX benötigt 8 kHz, 8 Bit, µ-law oder A-law, mono.');
    expect(say('es')(files[6]!)).toBe('Este archivo no contiene audio.');
  });
});

describe('UCCX state in words', () => {
  const since = new Date(2026, 0, 1, 10, 42).getTime();
  const node = (name: string, kind: NodeConditionKind, master = false, extra: Partial<NodeCondition> = {}): UccxNodeState => {
    const condition: NodeCondition = { kind, since, latencyMs: 5, ...extra };
    const reachable = ['ok', 'standby', 'slow', 'island', 'not-master'].includes(kind);
    return { name, url: `http://${name}`, reachable, master, since, problem: reachable ? null : describeNode(condition).phrase, condition };
  };
  it('says why writes are paused, naming each node’s fault by the shared rule', () => {
    expect(describeState({ topology: 'no-master', master: null, nodes: [node('ccx-a', 'refused'), node('ccx-b', 'not-master')] }, 3, null).detail).toBe(
      'UCCX read-only: ccx-a unreachable since 10:42 (connection refused); 3 changes waiting',
    );
    expect(describeState({ topology: 'no-master', master: null, nodes: [node('ccx-a', 'errors', false, { httpStatus: 500 }), node('ccx-b', 'not-master')] }, 0, null).detail).toBe(
      'UCCX read-only: ccx-a answering with errors (HTTP 500) since 10:42',
    );
    expect(describeState({ topology: 'no-master', master: null, nodes: [node('ccx-a', 'not-master'), node('ccx-b', 'not-master')] }, 0, null).detail).toBe(
      'UCCX read-only: no node is the database master',
    );
    expect(describeState({ topology: 'two-masters', master: null, nodes: [node('ccx-a', 'island', true), node('ccx-b', 'island', true)] }, 0, null).detail).toBe(
      'UCCX read-only: both ccx-a and ccx-b claim to be database master, writes paused',
    );
    const ok = describeState({ topology: 'master', master: { name: 'ccx-a', url: '' }, nodes: [node('ccx-a', 'ok', true), node('ccx-b', 'standby')] }, 1, null);
    expect(ok).toMatchObject({ mode: 'ok', writable: true, detail: 'UCCX: writing to ccx-a; 1 change waiting' });
    expect(uccxServerState(ok)).toBe('ok');
  });
  it('keeps writing through a slow master, and says so', () => {
    const slow = describeState(
      { topology: 'master', master: { name: 'ccx-a', url: '' }, nodes: [node('ccx-a', 'slow', true, { latencyMs: 2093 }), node('ccx-b', 'slow', false, { latencyMs: 2040, standby: true })] },
      0,
      null,
    );
    expect(slow).toMatchObject({ mode: 'ok', writable: true, detail: 'UCCX: writing to ccx-a, which is slow (2.1 s); ccx-b slow (2.0 s, standby)' });
    expect(uccxServerState(slow)).toBe('degraded');
  });
  it('calls nothing "unreachable" that answers', () => {
    const errors = describeState({ topology: 'unreachable', master: null, nodes: [node('ccx-a', 'errors', false, { httpStatus: 500 }), node('ccx-b', 'not-answering')] }, 0, null);
    expect(errors.detail).toBe('UCCX unavailable: ccx-a answering with errors (HTTP 500) since 10:42, ccx-b not answering since 10:42');
    const silent = describeState({ topology: 'unreachable', master: null, nodes: [node('ccx-a', 'not-answering'), node('ccx-b', 'refused')] }, 0, null);
    expect(silent.detail).toBe('UCCX unreachable: ccx-a not answering since 10:42, ccx-b unreachable since 10:42 (connection refused)');
  });
  it('names nodes by host, and reads adminapi error bodies', () => {
    expect(nodeNames(['https://ccx-a.example.com', 'https://ccx-b.example.com']).map((n) => n.name)).toEqual(['ccx-a.example.com', 'ccx-b.example.com']);
    expect(nodeNames(['http://127.0.0.1:4000/', 'http://127.0.0.1:4001']).map((n) => n.name)).toEqual(['127.0.0.1:4000', '127.0.0.1:4001']);
    const response = { status: 400, headers: {}, body: Buffer.alloc(0), text: () => '<apiErrors><apiError><errorType>Invalid Input</errorType><errorMessage>alias too long</errorMessage></apiError></apiErrors>' };
    expect(errorMessageOf(response, 'ccx-a')).toBe('UCCX node ccx-a refused the request as invalid (HTTP 400). It said: alias too long');
    // XML escapes in the message read as text: the reason is shown to the person as UCCX meant it.
    const escaped = { ...response, text: () => '<apiErrors><apiError><errorMessage>team &apos;13&apos; &amp; &lt;x&gt; &#233;</errorMessage></apiError></apiErrors>' };
    expect(errorMessageOf(escaped, 'ccx-a')).toBe("UCCX node ccx-a refused the request as invalid (HTTP 400). It said: team '13' & <x> é");
    // No reason in the body: the plain sentence alone, never "answered HTTP 500".
    const bare = { ...response, status: 500, text: () => '<html>Internal Server Error</html>' };
    expect(errorMessageOf(bare, 'ccx-b')).toBe('UCCX node ccx-b had an internal error (HTTP 500).');
    const error = uccxHttpError(bare, { name: 'ccx-b', url: 'https://ccx-b.example.com' }, 'GET', '/adminapi/skill');
    expect(error.message).toBe('UCCX node ccx-b had an internal error (HTTP 500).');
    expect(error.detail).toBe('HTTP 500 from GET https://ccx-b.example.com/adminapi/skill');
  });
});
