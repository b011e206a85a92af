import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCucLab, LOCKED_OUT_PIN_USER_INDEXES, type CucLab } from '../../lab/cuc/index';
import { createSeed } from '../../lab/seed';

// The CUPI surface of the Unity Connection lab, exercised with plain fetch.

const ADMIN = { username: 'cucadmin', password: 'Lab-Admin-Pass1' };
const BASIC = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
const seed = createSeed({ cucUsers: 500 });

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

interface CallOptions {
  method?: string;
  json?: unknown;
  xml?: string;
  accept?: 'json' | 'xml';
  headers?: Record<string, string>;
}

let lab: CucLab;

async function cupi(path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {
    authorization: BASIC,
    accept: options.accept === 'xml' ? 'application/xml' : 'application/json',
    ...options.headers,
  };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.xml !== undefined) {
    headers['content-type'] = 'application/xml';
    body = options.xml;
  }
  const res = await fetch(`${lab.publisher.url}${path}`, { method: options.method ?? (body ? 'PUT' : 'GET'), headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Every leaf of a CUPI JSON body must be a string. */
function nonStringLeaves(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonStringLeaves(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonStringLeaves(v, `${path}.${k}`));
  return [`${path}=${JSON.stringify(value)}`];
}

function expectErrorDetails(reply: Reply, status: number, messagePattern: RegExp): void {
  expect(reply.status).toBe(status);
  expect(reply.json?.ErrorDetails?.errors?.code).toMatch(/\S/);
  expect(reply.json.ErrorDetails.errors.message).toMatch(messagePattern);
}

const userIdOf = (alias: string) => lab.store.findUserByAlias(alias)!.ObjectId!;
const sortedAliases = (predicate: (alias: string) => boolean) =>
  seed.cucUsers.map((u) => u.alias.toLowerCase()).filter(predicate).sort();

beforeAll(async () => {
  lab = createCucLab(seed, { credentials: ADMIN });
  await lab.start();
});

afterAll(async () => {
  await lab.stop();
});

describe('lists: JSON shape, query, sort and paging', () => {
  it('renders zero, one and many results the CUPI way, every scalar a string', async () => {
    const none = await cupi('/vmrest/users?query=(alias%20is%20nobody-here)');
    expect(none.status).toBe(200);
    expect(none.json).toEqual({ '@total': '0' });

    const one = await cupi('/vmrest/users?query=(alias%20is%20sup01)');
    expect(one.json['@total']).toBe('1');
    expect(Array.isArray(one.json.User)).toBe(false);
    expect(one.json.User.Alias).toBe('sup01');
    expect(one.json.User.Inactive).toBe('false');

    const many = await cupi('/vmrest/users?query=(alias%20startswith%20user00)&rowsPerPage=5');
    expect(many.status).toBe(200);
    expect(Array.isArray(many.json.User)).toBe(true);
    expect(many.json.User).toHaveLength(5);
    expect(many.json['@total']).toBe(String(sortedAliases((a) => a.startsWith('user00')).length));
    expect(nonStringLeaves(many.json)).toEqual([]);
    expect(nonStringLeaves(one.json)).toEqual([]);
  });

  it('answers XML by default with a total attribute on the list root', async () => {
    const reply = await cupi('/vmrest/users?query=(alias%20is%20sup01)', { accept: 'xml', headers: { accept: '*/*' } });
    expect(reply.headers.get('content-type')).toMatch(/application\/xml/);
    expect(reply.text).toMatch(/<Users total="1"><User><URI>\/vmrest\/users\/[0-9a-f-]{36}<\/URI>/);
    expect(reply.text).toContain('<Alias>sup01</Alias>');
    const empty = await cupi('/vmrest/users?query=(alias%20is%20nobody)', { accept: 'xml' });
    expect(empty.text).toMatch(/<Users total="0"><\/Users>/);
  });

  it('supports is and startswith on each searchable column, case-insensitively', async () => {
    const byExtension = await cupi('/vmrest/users?query=(DtmfAccessId%20is%204000)');
    expect(byExtension.json.User.Alias).toBe('sup01');

    const sup = seed.cucUsers[0]!;
    const byDisplayName = await cupi(`/vmrest/users?query=(displayname%20is%20${encodeURIComponent(sup.displayName.toUpperCase())})`);
    const expected = seed.cucUsers.filter((u) => u.displayName.toLowerCase() === sup.displayName.toLowerCase()).length;
    expect(Number(byDisplayName.json['@total'])).toBe(expected);

    const byLastName = await cupi('/vmrest/users?query=(LASTNAME%20startswith%20ngu)&rowsPerPage=1000');
    const lastNames = [byLastName.json.User].flat().map((u: { LastName: string }) => u.LastName);
    expect(lastNames.length).toBe(seed.cucUsers.filter((u) => u.lastName.toLowerCase().startsWith('ngu')).length);
    expect(lastNames.length).toBeGreaterThan(0);
    expect(lastNames.every((n) => n.toLowerCase().startsWith('ngu'))).toBe(true);
  });

  it('sorts on the query column, ascending or descending', async () => {
    const expected = sortedAliases((a) => a.startsWith('user0041'));
    expect(expected.length).toBeGreaterThan(1);
    const asc = await cupi('/vmrest/users?query=(alias%20startswith%20USER0041)&sort=(alias%20asc)&rowsPerPage=100');
    expect(asc.json.User.map((u: { Alias: string }) => u.Alias)).toEqual(expected);
    const desc = await cupi('/vmrest/users?query=(alias%20startswith%20user0041)&sort=(alias%20desc)&rowsPerPage=100');
    expect(desc.json.User.map((u: { Alias: string }) => u.Alias)).toEqual([...expected].reverse());
  });

  it('pages with rowsPerPage and 1-based pageNumber, and returns only the count for page or size 0', async () => {
    const all = sortedAliases(() => true);
    const second = await cupi('/vmrest/users?sort=(alias%20asc)&rowsPerPage=50&pageNumber=2');
    expect(second.json['@total']).toBe(String(all.length));
    expect(second.json.User.map((u: { Alias: string }) => u.Alias.toLowerCase())).toEqual(all.slice(50, 100));

    const last = await cupi('/vmrest/users?sort=(alias%20asc)&rowsPerPage=200&pageNumber=3');
    expect(last.json.User).toHaveLength(all.length - 400);
    const beyond = await cupi('/vmrest/users?rowsPerPage=200&pageNumber=9');
    expect(beyond.json).toEqual({ '@total': String(all.length) });

    expect((await cupi('/vmrest/users?pageNumber=0')).json).toEqual({ '@total': String(all.length) });
    expect((await cupi('/vmrest/users?query=(alias%20startswith%20sup)&rowsPerPage=0')).json).toEqual({
      '@total': String(sortedAliases((a) => a.startsWith('sup')).length),
    });

    // Without rowsPerPage the documented default page (2001) holds all 500 users.
    expect((await cupi('/vmrest/users')).json.User).toHaveLength(500);
  });

  it('rejects list parameters CUPI does not allow with 400 and ErrorDetails', async () => {
    expectErrorDetails(await cupi('/vmrest/users?query=(smtpaddress%20is%20x@example.com)'), 400, /cannot query/i);
    expectErrorDetails(await cupi('/vmrest/users?query=(alias%20startswith%20a)&sort=(lastname%20asc)'), 400, /sort column must be the query column/i);
    expectErrorDetails(await cupi('/vmrest/users?query=(alias%20contains%20a)'), 400, /invalid query/i);
    expectErrorDetails(await cupi('/vmrest/users?sort=(alias%20asc,%20lastname%20desc)'), 400, /one sort column/i);
    expectErrorDetails(await cupi('/vmrest/users?sort=(alias%20up)'), 400, /invalid sort/i);
    expectErrorDetails(await cupi('/vmrest/users?rowsPerPage=-1'), 400, /rowsPerPage/);
  });
});

describe('users', () => {
  it('creates a user from a template: 201, Location and the new URI as body', async () => {
    const reply = await cupi('/vmrest/users?templateAlias=voicemailusertemplate', {
      method: 'POST',
      json: { Alias: 'rkhan.new', FirstName: 'Ravi', LastName: 'Khan', DtmfAccessId: '48012' },
    });
    expect(reply.status).toBe(201);
    expect(reply.text).toMatch(/^\/vmrest\/users\/[0-9a-f-]{36}$/);
    expect(reply.headers.get('location')).toBe(`${lab.publisher.url}${reply.text}`);

    const user = (await cupi(reply.text)).json;
    expect(user).toMatchObject({ Alias: 'rkhan.new', DisplayName: 'Ravi Khan', DtmfAccessId: '48012', Inactive: 'false' });
    const templates = (await cupi('/vmrest/usertemplates')).json.UserTemplate as { Alias: string; CosObjectId: string }[];
    expect(user.CosObjectId).toBe(templates.find((t) => t.Alias === 'voicemailusertemplate')!.CosObjectId);

    const handler = (await cupi(`/vmrest/handlers/callhandlers/${user.CallHandlerObjectId}`)).json;
    expect(handler).toMatchObject({ IsPrimary: 'true', DtmfAccessId: '48012', RecipientSubscriberObjectId: user.ObjectId });
    expect((await cupi('/vmrest/users?query=(alias%20is%20RKHAN.NEW)')).json['@total']).toBe('1');
  });

  it('creates from an XML body as in the CUPI sample', async () => {
    const reply = await cupi('/vmrest/users?templateAlias=supervisortemplate', {
      method: 'POST',
      xml: '<User><Alias>xml.user</Alias><FirstName>Xavier</FirstName><LastName>Lopez</LastName><DtmfAccessId>48013</DtmfAccessId></User>',
    });
    expect(reply.status).toBe(201);
    expect((await cupi(reply.text)).json.DisplayName).toBe('Xavier Lopez');
  });

  it('refuses bad creates with 400 and a readable ErrorDetails', async () => {
    const post = (query: string, json: unknown) => cupi(`/vmrest/users${query}`, { method: 'POST', json });
    expectErrorDetails(await post('', { Alias: 'a.b', DtmfAccessId: '48100' }), 400, /templateAlias/);
    expectErrorDetails(await post('?templateAlias=nosuchtemplate', { Alias: 'a.b', DtmfAccessId: '48100' }), 400, /template/i);
    expectErrorDetails(await post('?templateAlias=voicemailusertemplate', { Alias: 'a.b' }), 400, /DtmfAccessId/);
    expectErrorDetails(await post('?templateAlias=voicemailusertemplate', { Alias: 'SUP01', DtmfAccessId: '48101' }), 400, /alias sup01 is already used/i);
    expectErrorDetails(await post('?templateAlias=voicemailusertemplate', { Alias: 'fresh.one', DtmfAccessId: '4000' }), 400, /4000 is already in use/);

    const xml = await cupi('/vmrest/users?templateAlias=voicemailusertemplate', {
      method: 'POST',
      accept: 'xml',
      xml: '<User><Alias>fresh.two</Alias><DtmfAccessId>4001</DtmfAccessId></User>',
    });
    expect(xml.status).toBe(400);
    expect(xml.text).toMatch(/<ErrorDetails><errors><code>[A-Z_]+<\/code><message>DtmfAccessId 4001 is already in use[^<]*<\/message><\/errors><\/ErrorDetails>/);
  });

  it('updates only the fields sent (204) and keeps the others', async () => {
    const alias = seed.cucUsers[30]!.alias;
    const id = userIdOf(alias);
    const before = (await cupi(`/vmrest/users/${id}`)).json;
    const put = await cupi(`/vmrest/users/${id}`, { json: { FirstName: 'Renamed', NotARealField: 'ignored' } });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const after = (await cupi(`/vmrest/users/${id}`)).json;
    expect(after.FirstName).toBe('Renamed');
    expect({ ...after, FirstName: before.FirstName }).toEqual(before);
    expect(after.NotARealField).toBeUndefined();

    expectErrorDetails(await cupi(`/vmrest/users/${id}`, { json: { DtmfAccessId: '12ab' } }), 400, /DtmfAccessId/);
    expectErrorDetails(await cupi(`/vmrest/users/${id}`, { json: { Inactive: 'true' } }), 400, /Inactive can only be changed from true to false/);
    expectErrorDetails(await cupi(`/vmrest/users/${id}`, { json: { Alias: 'sup02' } }), 400, /already used/);
    expect((await cupi(`/vmrest/users/${id}`)).json).toEqual(after);
  });

  it('deletes a user (204), after which it is gone and no longer a list member', async () => {
    const alias = seed.agents.find((a) => a.type === 1 && a.teamId === 2)!.userID;
    const id = userIdOf(alias);
    const teamLists = (await cupi(`/vmrest/distributionlists?query=(displayname%20is%20${encodeURIComponent(seed.teams[1]!.teamname)})`)).json;
    const teamList = teamLists.DistributionList;
    const membersBefore = (await cupi(`/vmrest/distributionlists/${teamList.ObjectId}/distributionlistmembers`)).json;
    expect([membersBefore.DistributionListMember].flat().some((m: { MemberUserObjectId?: string }) => m.MemberUserObjectId === id)).toBe(true);

    expect((await cupi(`/vmrest/users/${id}`, { method: 'DELETE' })).status).toBe(204);
    expectErrorDetails(await cupi(`/vmrest/users/${id}`), 404, /No user/);
    const membersAfter = (await cupi(`/vmrest/distributionlists/${teamList.ObjectId}/distributionlistmembers`)).json;
    expect([membersAfter.DistributionListMember ?? []].flat().some((m: { MemberUserObjectId?: string }) => m.MemberUserObjectId === id)).toBe(false);
  });

  it('lists the user templates', async () => {
    const aliases = (await cupi('/vmrest/usertemplates')).json.UserTemplate.map((t: { Alias: string }) => t.Alias);
    expect(aliases).toEqual(expect.arrayContaining(['voicemailusertemplate', 'supervisortemplate']));
  });
});

describe('PIN and web password', () => {
  const pinPath = (alias: string) => `/vmrest/users/${userIdOf(alias)}/credential/pin`;

  it('shows the settings but never the credential', async () => {
    const alias = seed.cucUsers[40]!.alias;
    expect((await cupi(pinPath(alias), { json: { Credentials: '730519' } })).status).toBe(204);
    const reply = await cupi(pinPath(alias));
    expect(reply.json).toMatchObject({ CredentialType: '4', Alias: alias, Locked: 'false', HackCount: '0' });
    expect(reply.json.Credentials ?? '').toBe('');
    expect(reply.text).not.toContain('730519');
    expect((await cupi(pinPath(alias), { accept: 'xml' })).text).not.toContain('730519');
    expect(nonStringLeaves(reply.json)).toEqual([]);
  });

  it('applies the PIN policy with messages a person understands', async () => {
    const user = seed.cucUsers[41]!;
    const path = pinPath(user.alias);
    expectErrorDetails(await cupi(path, { json: { Credentials: '12ab56' } }), 400, /digits only/);
    expectErrorDetails(await cupi(path, { json: { Credentials: '4821' } }), 400, /at least 6 digits/);
    expectErrorDetails(await cupi(path, { json: { Credentials: '777777' } }), 400, /too easy to guess/);
    expectErrorDetails(await cupi(path, { json: { Credentials: '123456' } }), 400, /too easy to guess/);
    const sixDigitUser = lab.store.createUser('voicemailusertemplate', { Alias: 'six.digit.ext', DtmfAccessId: '480731' });
    expectErrorDetails(await cupi(`/vmrest/users/${sixDigitUser.ObjectId}/credential/pin`, { json: { Credentials: '480731' } }), 400, /extension/);
    const xml = await cupi(path, { accept: 'xml', xml: '<Credential><Credentials>1111</Credentials></Credential>' });
    expect(xml.status).toBe(400);
    expect(xml.text).toMatch(/<ErrorDetails><errors><code>\w+<\/code><message>The PIN must be at least 6 digits long.<\/message>/);
    expect(lab.store.verifyCredential(userIdOf(user.alias), 'pin', '12ab56')).toBe(false);

    const ok = await cupi(path, { json: { Credentials: '739104', CredMustChange: 'true' } });
    expect(ok.status).toBe(204);
    expect(lab.store.verifyCredential(userIdOf(user.alias), 'pin', '739104')).toBe(true);
    const after = (await cupi(path)).json;
    expect(after.CredMustChange).toBe('true');
    expect(after.TimeChanged).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+$/);
    expectErrorDetails(await cupi(path, { json: { Credentials: '739104' } }), 400, /used recently/);
  });

  it('applies the password policy', async () => {
    const user = seed.cucUsers[42]!;
    const path = `/vmrest/users/${userIdOf(user.alias)}/credential/password`;
    expectErrorDetails(await cupi(path, { json: { Credentials: 'short1' } }), 400, /at least 8 characters/);
    expectErrorDetails(await cupi(path, { json: { Credentials: `${user.alias}-2024!` } }), 400, /alias/);
    expect((await cupi(path, { json: { Credentials: 'Correct-Horse-7' } })).status).toBe(204);
    expect((await cupi(path)).json.CredentialType).toBe('3');
  });

  it('unlocks a locked-out PIN with HackCount 0 and an empty TimeHacked', async () => {
    const alias = seed.cucUsers[LOCKED_OUT_PIN_USER_INDEXES[0]]!.alias;
    const locked = (await cupi(pinPath(alias))).json;
    expect(locked).toMatchObject({ HackCount: '5', Hacked: 'true' });
    expect(locked.TimeLockout).toBeDefined();

    expect((await cupi(pinPath(alias), { json: { HackCount: '0', TimeHacked: '' } })).status).toBe(204);
    const unlocked = (await cupi(pinPath(alias))).json;
    expect(unlocked).toMatchObject({ HackCount: '0', Hacked: 'false' });
    expect(unlocked.TimeLockout).toBeUndefined();
    expect(unlocked.TimeLastHack).toBeUndefined();
  });

  it('sets Locked and CredMustChange', async () => {
    const alias = seed.cucUsers[43]!.alias;
    expect((await cupi(pinPath(alias), { xml: '<Credential><Locked>true</Locked><CredMustChange>true</CredMustChange></Credential>' })).status).toBe(204);
    expect((await cupi(pinPath(alias))).json).toMatchObject({ Locked: 'true', CredMustChange: 'true' });
    expectErrorDetails(await cupi(pinPath(alias), { json: { Locked: 'perhaps' } }), 400, /true or false/);
  });
});

describe('contacts', () => {
  it('creates, reads, updates, searches and deletes a contact', async () => {
    const created = await cupi('/vmrest/contacts', { method: 'POST', json: { Alias: 'vendor.helpdesk', FirstName: 'Vendor', LastName: 'Helpdesk' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${lab.publisher.url}${created.text}`);
    const contact = (await cupi(created.text)).json;
    expect(contact).toMatchObject({ Alias: 'vendor.helpdesk', DisplayName: 'Vendor Helpdesk', TransferEnabled: 'false' });

    expect((await cupi(created.text, { json: { TransferEnabled: 'true', TransferExtension: '918005550199' } })).status).toBe(204);
    expect((await cupi(created.text)).json).toMatchObject({ TransferEnabled: 'true', TransferExtension: '918005550199', FirstName: 'Vendor' });
    expect((await cupi('/vmrest/contacts?query=(alias%20startswith%20vendor)')).json.Contact.ObjectId).toBe(contact.ObjectId);

    expectErrorDetails(await cupi('/vmrest/contacts', { method: 'POST', json: { Alias: 'VENDOR.helpdesk' } }), 400, /already used/);
    expectErrorDetails(await cupi('/vmrest/contacts', { method: 'POST', json: { FirstName: 'No alias' } }), 400, /Alias is required/);

    expect((await cupi(created.text, { method: 'DELETE' })).status).toBe(204);
    expect((await cupi(created.text)).status).toBe(404);
  });
});

describe('distribution lists', () => {
  it('adds and removes a user, a contact and a nested list, with looked-up names', async () => {
    const created = await cupi('/vmrest/distributionlists', { method: 'POST', json: { Alias: 'floor.leads', DisplayName: 'Floor Leads', AllowContacts: 'true' } });
    expect(created.status).toBe(201);
    const listId = created.text.split('/').pop()!;
    const membersPath = `${created.text}/distributionlistmembers`;

    const user = lab.store.findUserByAlias('sup02')!;
    const contact = lab.store.findContactByAlias('oncall.it')!;
    const nested = lab.store.findDistributionListByAlias('allsupervisors')!;
    const added = [];
    for (const body of [
      { MemberUserObjectId: user.ObjectId },
      { MemberContactObjectId: contact.ObjectId },
      { MemberDistributionListObjectId: nested.ObjectId },
    ]) {
      const reply = await cupi(membersPath, { method: 'POST', json: body });
      expect(reply.status).toBe(201);
      expect(reply.text).toMatch(new RegExp(`^/vmrest/distributionlists/${listId}/distributionlistmembers/[0-9a-f-]{36}$`));
      added.push(reply.text);
    }

    const members = (await cupi(membersPath)).json;
    expect(members['@total']).toBe('3');
    expect(members.DistributionListMember).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MemberUserObjectId: user.ObjectId, Alias: 'sup02', DisplayName: user.DisplayName, Extension: user.DtmfAccessId }),
        expect.objectContaining({ MemberContactObjectId: contact.ObjectId, Alias: 'oncall.it', DisplayName: 'On-call IT Engineer' }),
        expect.objectContaining({ MemberDistributionListObjectId: nested.ObjectId, Alias: 'allsupervisors', Extension: '5900' }),
      ]),
    );

    const xml = await cupi(membersPath, { accept: 'xml' });
    expect(xml.text).toMatch(/<DistributionListMembers total="3"><DistributionListMember>/);

    for (const memberUri of added) expect((await cupi(memberUri, { method: 'DELETE' })).status).toBe(204);
    expect((await cupi(membersPath)).json).toEqual({ '@total': '0' });
    expect((await cupi(added[0]!, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses invalid members', async () => {
    const outer = lab.store.findDistributionListByAlias('escalations')!;
    const inner = lab.store.findDistributionListByAlias('allsupervisors')!;
    const teamList = lab.store.findDistributionListByAlias('allteams')!;
    const members = (id: string) => `/vmrest/distributionlists/${id}/distributionlistmembers`;
    const user = lab.store.findUserByAlias('sup03')!;
    const contact = lab.store.findContactByAlias('facilities.desk')!;

    expectErrorDetails(await cupi(members(outer.ObjectId!), { method: 'POST', json: {} }), 400, /exactly one/);
    expectErrorDetails(
      await cupi(members(outer.ObjectId!), { method: 'POST', json: { MemberUserObjectId: user.ObjectId, MemberContactObjectId: contact.ObjectId } }),
      400,
      /exactly one/,
    );
    expectErrorDetails(
      await cupi(members(outer.ObjectId!), { method: 'POST', json: { MemberUserObjectId: '00000000-0000-4000-8000-000000000000' } }),
      400,
      /No user/,
    );
    expectErrorDetails(await cupi(members(outer.ObjectId!), { method: 'POST', json: { MemberDistributionListObjectId: inner.ObjectId } }), 400, /already in the list/);
    expectErrorDetails(await cupi(members(inner.ObjectId!), { method: 'POST', json: { MemberDistributionListObjectId: outer.ObjectId } }), 400, /cannot contain itself/);
    expectErrorDetails(await cupi(members(outer.ObjectId!), { method: 'POST', json: { MemberDistributionListObjectId: outer.ObjectId } }), 400, /cannot contain itself/);
    expectErrorDetails(await cupi(members(teamList.ObjectId!), { method: 'POST', json: { MemberContactObjectId: contact.ObjectId } }), 400, /does not allow contacts/);
  });

  it('updates a list partially and deletes it, but not a system list', async () => {
    const created = await cupi('/vmrest/distributionlists', { method: 'POST', json: { Alias: 'temp.list' } });
    expect((await cupi(created.text, { json: { DisplayName: 'Temporary List' } })).status).toBe(204);
    expect((await cupi(created.text)).json).toMatchObject({ Alias: 'temp.list', DisplayName: 'Temporary List', IsPublic: 'true' });
    expect((await cupi(created.text, { method: 'DELETE' })).status).toBe(204);
    expect((await cupi(created.text)).status).toBe(404);

    const system = lab.store.findDistributionListByAlias('undeliverablemessages')!;
    expectErrorDetails(await cupi(`/vmrest/distributionlists/${system.ObjectId}`, { method: 'DELETE' }), 400, /cannot be deleted/);
  });
});

describe('call handlers, greetings and transfer options', () => {
  const future = '2031-01-01 00:00:00.0';
  const past = '2001-06-01 12:00:00.0';
  let handlerPath: string;

  beforeAll(async () => {
    const templates = (await cupi('/vmrest/callhandlertemplates')).json;
    const template = templates.CallhandlerTemplate;
    expect(template.DisplayName).toBe('System Call Handler Template');
    const created = await cupi(`/vmrest/handlers/callhandlers?templateObjectId=${template.ObjectId}`, {
      method: 'POST',
      json: { DisplayName: 'Weather Closure Line', DtmfAccessId: '5400' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${lab.publisher.url}${created.text}`);
    handlerPath = created.text;
  });

  it('lists the seeded handlers and reads, updates and deletes a created one', async () => {
    const names = (await cupi('/vmrest/handlers/callhandlers')).json.Callhandler.map((h: { DisplayName: string }) => h.DisplayName);
    expect(names).toEqual(expect.arrayContaining(['Opening Greeting', 'Main Menu', 'Support Line', 'Weather Closure Line']));

    expect((await cupi(handlerPath, { json: { MaxMsgLen: '120' } })).status).toBe(204);
    expect((await cupi(handlerPath)).json).toMatchObject({ MaxMsgLen: '120', DisplayName: 'Weather Closure Line', DtmfAccessId: '5400' });

    const throwaway = await cupi('/vmrest/handlers/callhandlers', { method: 'POST', json: { DisplayName: 'Throwaway' } });
    expect(throwaway.status).toBe(201);
    expect((await cupi(throwaway.text, { method: 'DELETE' })).status).toBe(204);
    expect((await cupi(throwaway.text)).status).toBe(404);

    const opening = lab.store.findCallHandlerByName('Opening Greeting')!;
    expectErrorDetails(await cupi(`/vmrest/handlers/callhandlers/${opening.ObjectId}`, { method: 'DELETE' }), 400, /cannot be deleted/);
    expectErrorDetails(
      await cupi('/vmrest/handlers/callhandlers?templateObjectId=00000000-0000-4000-8000-000000000000', { method: 'POST', json: { DisplayName: 'X' } }),
      400,
      /template/,
    );
  });

  it('has all seven greetings, Closed being Off Hours', async () => {
    const greetings = (await cupi(`${handlerPath}/greetings`)).json;
    expect(greetings['@total']).toBe('7');
    expect(greetings.Greeting.map((g: { GreetingType: string }) => g.GreetingType).sort()).toEqual(
      ['Alternate', 'Busy', 'Error', 'Holiday', 'Internal', 'Off Hours', 'Standard'],
    );
    expect((await cupi(`${handlerPath}/greetings/Closed`)).json.GreetingType).toBe('Off Hours');
    expect((await cupi(`${handlerPath}/greetings/Off%20Hours`)).json.Enabled).toBe('false');
    expect((await cupi(`${handlerPath}/greetings/Standard`)).json.Enabled).toBe('true');
    expect((await cupi(`${handlerPath}/greetings/Sometimes`)).status).toBe(404);
  });

  it('enables a greeting until a date and disables it with a past date', async () => {
    const path = `${handlerPath}/greetings/Alternate`;
    expect((await cupi(path)).json.Enabled).toBe('false');
    expect((await cupi(path, { json: { TimeExpires: future, PlayWhat: '1' } })).status).toBe(204);
    expect((await cupi(path)).json).toMatchObject({ GreetingType: 'Alternate', TimeExpires: future, Enabled: 'true', PlayWhat: '1' });

    expect((await cupi(path, { xml: `<Greeting><TimeExpires>${past}</TimeExpires></Greeting>` })).status).toBe(204);
    expect((await cupi(path)).json.Enabled).toBe('false');

    expect((await cupi(`${handlerPath}/greetings/Closed`, { json: { TimeExpires: '2031-01-01 00:00:00' } })).status).toBe(204);
    expect((await cupi(`${handlerPath}/greetings/Off%20Hours`)).json).toMatchObject({ Enabled: 'true', TimeExpires: future });
  });

  it('lets an expiry pass by itself: Enabled is computed when read', async () => {
    const path = `${handlerPath}/greetings/Holiday`;
    const soon = new Date(Date.now() + 60 * 60_000).toISOString().replace('T', ' ').replace('Z', '');
    expect((await cupi(path, { json: { TimeExpires: soon } })).status).toBe(204);
    expect((await cupi(path)).json.Enabled).toBe('true');
    const realClock = lab.store.now;
    lab.store.now = () => Date.now() + 2 * 60 * 60_000;
    try {
      expect((await cupi(path)).json.Enabled).toBe('false');
    } finally {
      lab.store.now = realClock;
    }
  });

  it('never disables the Standard or Error greeting and rejects empty or malformed dates', async () => {
    expectErrorDetails(await cupi(`${handlerPath}/greetings/Standard`, { json: { TimeExpires: past } }), 400, /Standard greeting is always enabled/);
    expectErrorDetails(await cupi(`${handlerPath}/greetings/Error`, { json: { TimeExpires: past } }), 400, /always enabled/);
    expect((await cupi(`${handlerPath}/greetings/Standard`)).json.Enabled).toBe('true');
    expectErrorDetails(await cupi(`${handlerPath}/greetings/Alternate`, { json: { TimeExpires: '' } }), 400, /cannot be set to empty/);
    expectErrorDetails(await cupi(`${handlerPath}/greetings/Alternate`, { json: { TimeExpires: '01/01/2031' } }), 400, /not a valid date/);
    expectErrorDetails(await cupi(`${handlerPath}/greetings/Alternate`, { json: { PlayWhat: '7' } }), 400, /PlayWhat/);
  });

  it('sets transfer options as in the CUPI sample and enforces their rules', async () => {
    const alternate = `${handlerPath}/transferoptions/Alternate`;
    const xml =
      `<TransferOption><Action>1</Action><Extension>4099</Extension><TransferType>0</TransferType>` +
      `<TimeExpires>${future}</TimeExpires></TransferOption>`;
    expect((await cupi(alternate, { xml })).status).toBe(204);
    const option = (await cupi(alternate)).json;
    expect(option).toMatchObject({ TransferOptionType: 'Alternate', Action: '1', Extension: '4099', TransferType: '0', TransferRings: '4', Enabled: 'true' });
    expect(nonStringLeaves(option)).toEqual([]);

    const list = (await cupi(`${handlerPath}/transferoptions`)).json;
    expect(list.TransferOption.map((t: { TransferOptionType: string }) => t.TransferOptionType).sort()).toEqual(['Alternate', 'Off Hours', 'Standard']);
    expect((await cupi(`${handlerPath}/transferoptions/Off%20Hours`, { json: { TransferRings: '6' } })).status).toBe(204);
    expect((await cupi(`${handlerPath}/transferoptions/Off%20Hours`)).json).toMatchObject({ TransferRings: '6', Enabled: 'false' });

    expectErrorDetails(await cupi(`${handlerPath}/transferoptions/Standard`, { json: { TimeExpires: past } }), 400, /Standard transfer rule is always enabled/);
    expectErrorDetails(await cupi(alternate, { json: { TransferRings: '1' } }), 400, /TransferRings/);
    expectErrorDetails(await cupi(alternate, { json: { UsePrimaryExtension: 'true', Extension: '4100' } }), 400, /not both/);
    expectErrorDetails(await cupi(alternate, { json: { UsePrimaryExtension: 'false' } }), 400, /Extension must be given/);
    expectErrorDetails(await cupi(alternate, { json: { TimeExpires: '' } }), 400, /cannot be set to empty/);

    const opening = lab.store.findCallHandlerByName('Opening Greeting')!;
    expectErrorDetails(
      await cupi(`/vmrest/handlers/callhandlers/${opening.ObjectId}/transferoptions/Standard`, { json: { Action: '1' } }),
      400,
      /needs an Extension/,
    );
  });

  it('keeps announce, introduce, confirm, screening and the transfer prompt of a supervised rule, and refuses values Unity Connection would', async () => {
    const path = `${handlerPath}/transferoptions/Standard`;
    const before = (await cupi(path)).json;
    // Cisco's defaults: none of the supervised options on, the "wait while I transfer" prompt on.
    expect(before).toMatchObject({ TransferAnnounce: 'false', TransferIntroduce: 'false', TransferConfirm: 'false', TransferScreening: 'false', PlayTransferPrompt: 'true' });
    const supervised = { Action: '1', Extension: '4010', TransferType: '1', TransferRings: '5', TransferAnnounce: 'true', TransferIntroduce: 'true', TransferConfirm: 'true', TransferScreening: 'true', PlayTransferPrompt: 'false' };
    expect((await cupi(path, { json: supervised })).status).toBe(204);
    const after = (await cupi(path)).json;
    expect(after).toMatchObject(supervised);
    expect(nonStringLeaves(after)).toEqual([]);
    // The XML form of the same fields.
    expect((await cupi(path, { xml: '<TransferOption><TransferAnnounce>false</TransferAnnounce><TransferScreening>false</TransferScreening></TransferOption>' })).status).toBe(204);
    expect((await cupi(path)).json).toMatchObject({ TransferAnnounce: 'false', TransferScreening: 'false', TransferConfirm: 'true', TransferIntroduce: 'true' });

    expectErrorDetails(await cupi(path, { json: { TransferConfirm: 'yes' } }), 400, /TransferConfirm must be true or false/);
    expectErrorDetails(await cupi(path, { json: { TransferAnnounce: 'maybe' } }), 400, /TransferAnnounce must be true or false/);
    expectErrorDetails(await cupi(path, { json: { TransferType: '2' } }), 400, /TransferType must be between 0 and 1/);
    expectErrorDetails(await cupi(path, { json: { TransferType: 'supervised' } }), 400, /TransferType must be a whole number/);
    expectErrorDetails(await cupi(path, { json: { TransferType: '' } }), 400, /TransferType cannot be empty/);
    // A refused write changes nothing.
    expect((await cupi(path)).json).toMatchObject({ TransferType: '1', TransferConfirm: 'true', TransferAnnounce: 'false' });
  });

  it('lists more call handlers than one page, and finds a late one by the start of its name', async () => {
    const firstPage = (await cupi('/vmrest/handlers/callhandlers?rowsPerPage=200&pageNumber=1')).json;
    expect(Number(firstPage['@total'])).toBeGreaterThan(200 + 1);
    expect(firstPage.Callhandler).toHaveLength(200);
    const names = firstPage.Callhandler.map((h: { DisplayName: string }) => h.DisplayName);
    expect(names).not.toContain('Warehouse 231 line');
    const found = (await cupi('/vmrest/handlers/callhandlers?query=(DisplayName%20startswith%20warehouse%2023)&rowsPerPage=5&pageNumber=1')).json;
    expect(found['@total']).toBe('10');
    expect(found.Callhandler.map((h: { DisplayName: string }) => h.DisplayName)).toEqual(['Warehouse 230 line', 'Warehouse 231 line', 'Warehouse 232 line', 'Warehouse 233 line', 'Warehouse 234 line']);
  });

  it("follows a user's extension on the user's own handler", async () => {
    const user = lab.store.findUserByAlias('sup04')!;
    const path = `/vmrest/handlers/callhandlers/${user.CallHandlerObjectId}/transferoptions/Standard`;
    expect((await cupi(path)).json).toMatchObject({ Action: '1', UsePrimaryExtension: 'true', Extension: user.DtmfAccessId });
    expect((await cupi(`/vmrest/users/${user.ObjectId}`, { json: { DtmfAccessId: '48555' } })).status).toBe(204);
    expect((await cupi(path)).json.Extension).toBe('48555');
    expect((await cupi(path, { json: { Extension: '4999' } })).status).toBe(204);
    expect((await cupi(path)).json).toMatchObject({ UsePrimaryExtension: 'false', Extension: '4999' });
  });
});

describe('version probe', () => {
  it('reports product name and version', async () => {
    const xml = await cupi('/vmrest/version/product/', { accept: 'xml' });
    expect(xml.status).toBe(200);
    expect(xml.text).toMatch(/<VersionInformation><name>Cisco Unity Connection Version<\/name><version>\d+\.\d+\.\d+\.\d+-\d+<\/version><\/VersionInformation>/);
    expect((await cupi('/vmrest/version/product')).json.version).toMatch(/^\d+\./);
  });
});
