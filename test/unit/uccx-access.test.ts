import { describe, expect, it } from 'vitest';
import { checkedAccount, decideAccess, type AccessEvidence } from '../../shared/domain/uccx-access';
import { describeSubmission } from '../../shared/domain/changes';

// Which UCCX editors an account may use, from what the console measured.

const supervisor = (overrides: Partial<AccessEvidence> = {}): AccessEvidence => ({
  username: 'sup02',
  role: 'supervisor',
  capabilities: [],
  basis: '',
  forbiddenReads: {},
  refusedWrites: {},
  agentCount: 12,
  ...overrides,
});

const levels = (evidence: AccessEvidence) => Object.fromEntries(Object.entries(decideAccess(evidence).editors).map(([key, editor]) => [key, editor.access]));

describe('decideAccess', () => {
  it('a refused create or delete holds back only New and Delete of an editor that may edit, and survives the offline cache', () => {
    const access = decideAccess(supervisor({ capabilities: ['CALENDAR_MGMT'], refusedCreates: { calendars: 'only administrators may create calendars', skills: 'no' } }));
    expect(access.editors.calendars.access).toBe('edit');
    expect(access.editors.calendars.createDelete).toBe(
      'Signed in to UCCX as supervisor sup02: this account may not create or delete calendars (UCCX answered 403 Forbidden: only administrators may create calendars). Ask an administrator to make the change.',
    );
    // Read-only already says more than that.
    expect(access.editors.skills).toMatchObject({ access: 'read-only' });
    expect(access.editors.skills.createDelete).toBeUndefined();
    expect(access.editors.csqs.createDelete).toBeUndefined();
    expect(checkedAccount(JSON.parse(JSON.stringify(access)))).toEqual(access);
  });

  it('opens every editor to an administrator and to an account the probe could not place', () => {
    for (const role of ['administrator', 'unknown'] as const) {
      expect(Object.values(levels(supervisor({ role })))).toEqual(Array(9).fill('edit'));
    }
  });

  it('gives a supervisor what its capabilities open, skills and teams read-only, and says why', () => {
    expect(levels(supervisor({ capabilities: ['QUEUE_MGMT'] }))).toEqual({
      agents: 'edit',
      skills: 'read-only',
      csqs: 'edit',
      teams: 'read-only',
      applications: 'read-only',
      calendars: 'read-only',
      prompts: 'read-only',
      callerLists: 'read-only',
      switches: 'read-only',
    });
    const access = decideAccess(supervisor());
    expect(access.editors.calendars.reason).toBe(
      'Signed in to UCCX as supervisor sup02: this account may not change calendars; UCCX does not list the Calendar management capability (CALENDAR_MGMT) for it. Ask an administrator for the Calendar management capability.',
    );
    expect(access.editors.agents.reason).toBe('Signed in to UCCX as supervisor sup02: UCCX lists only the agents of the teams this account supervises (12).');
  });

  it('lets what UCCX answered win: a refused read hides the editor, a refused write makes it read-only, even for an administrator', () => {
    const access = decideAccess(supervisor({ role: 'administrator', forbiddenReads: { applications: 'no' }, refusedWrites: { csqs: 'only administrators may change CSQs', agents: 'not your agent' } }));
    expect(access.editors.applications).toMatchObject({ access: 'hidden', reason: 'Signed in to UCCX as administrator sup02: this account may not see applications (UCCX answered 403 Forbidden: no). Ask an administrator for the Application management capability.' });
    expect(access.editors.csqs.access).toBe('read-only');
    expect(access.editors.csqs.reason).toContain('(UCCX answered 403 Forbidden: only administrators may change CSQs)');
    // A refusal about one agent does not close the Agents editor.
    expect(access.editors.agents.access).toBe('edit');
  });
});

describe('checkedAccount', () => {
  it('keeps a well-formed account section and drops a damaged or foreign one (every editor open)', () => {
    const good = decideAccess(supervisor());
    expect(checkedAccount(good)).toEqual(good);
    expect(checkedAccount(undefined)).toBeUndefined();
    expect(checkedAccount({ ...good, editors: { ...good.editors, csqs: { access: 'maybe', reason: '' } } })).toBeUndefined();
    const { prompts: _dropped, ...missingOne } = good.editors;
    expect(checkedAccount({ ...good, editors: missingOne })).toBeUndefined();
    expect(checkedAccount({ ...good, capabilities: Array(21).fill('X') })).toBeUndefined();
  });
});

describe('the toast of a change the account may not make', () => {
  it('says "not permitted" with the server\'s message, not "failed"', () => {
    expect(describeSubmission('CSQ Sales', [{ id: '1', state: 'failed', lastError: 'only administrators may change CSQs', notPermitted: true }]).text).toBe(
      'CSQ Sales: not permitted. The server said: only administrators may change CSQs',
    );
    expect(describeSubmission('CSQ Sales', [{ id: '1', state: 'failed', lastError: 'bad value' }]).text).toBe('CSQ Sales: failed. The server said: bad value');
  });
});
