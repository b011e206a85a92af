import { afterEach, describe, expect, it } from 'vitest';
import { startCupiHarness, type CupiHarness } from './cupi-harness';
import { CUC_REFERENCE_IDS, LOCKED_OUT_PIN_USER_INDEXES } from '../../lab/cuc';
import { formatCupiTime, isRuleEnabled } from '../../shared/domain/cupi';

let harness: CupiHarness | null = null;
afterEach(async () => {
  await harness?.stop();
  harness = null;
});

async function start(): Promise<CupiHarness> {
  harness = await startCupiHarness();
  return harness;
}

function firstUser(h: CupiHarness, index = 0) {
  return h.lab.store.listUsers(`rowsPerPage=1&pageNumber=${index + 1}`).items[0]!;
}

describe('Users editor', () => {
  it('edits names, display name, extension, SMTP address and time zone', async () => {
    const h = await start();
    const user = firstUser(h);
    const view = await h.service.getUser(user.ObjectId!);
    expect(view.fields.Alias).toBe(user.Alias);
    const changes = { DisplayName: 'Renamed Person', FirstName: 'Renamed', DtmfAccessId: '48123', SmtpAddress: 'renamed@example.com', TimeZone: '35', UseDefaultTimeZone: 'false' };
    const outcome = await h.service.update('user', user.ObjectId!, 'User x', view.fields, changes);
    expect(outcome.state).toBe('applied');
    const stored = h.lab.store.getUser(user.ObjectId!);
    for (const [field, value] of Object.entries(changes)) expect(stored[field]).toBe(value);
  });

  it('creates a user from a chosen template and deletes it after confirmation', async () => {
    const h = await start();
    const templates = await h.service.userTemplates();
    expect(templates.length).toBeGreaterThan(1);
    const template = templates.find((t) => t.Alias === 'supervisortemplate')!;
    const outcome = await h.service.create('user', { Alias: 'newhire1', FirstName: 'New', LastName: 'Hire', DtmfAccessId: '47001' }, template.Alias);
    expect(outcome.state).toBe('applied');
    const created = h.lab.store.findUserByAlias('newhire1');
    expect(created?.DtmfAccessId).toBe('47001');
    // The chosen template's class of service, not the default template's.
    expect(created?.CosObjectId).toBe(CUC_REFERENCE_IDS.supervisorCos);

    const view = await h.service.getUser(created!.ObjectId!);
    const deleted = await h.service.remove('user', created!.ObjectId!, 'User newhire1', view.fields);
    expect(deleted.state).toBe('applied');
    expect(h.lab.store.findUserByAlias('newhire1')).toBeUndefined();
  });

  it('shows the server refusal for a duplicate extension', async () => {
    const h = await start();
    const [a, b] = [firstUser(h, 0), firstUser(h, 1)];
    await expect(h.service.update('user', a.ObjectId!, 'User a', a, { DtmfAccessId: b.DtmfAccessId! })).rejects.toThrow(/already in use/);
  });

  it('detects a user edited behind the console\'s back and writes nothing', async () => {
    const h = await start();
    const user = firstUser(h);
    const view = await h.service.getUser(user.ObjectId!);
    h.lab.store.updateUser(user.ObjectId!, { DisplayName: 'Changed Elsewhere' });
    const error = await h.service.update('user', user.ObjectId!, 'User x', view.fields, { DisplayName: 'Mine' }).catch((e: unknown) => e as Error & { code: string });
    expect(error).toBeInstanceOf(Error);
    expect((error as { code: string }).code).toBe('conflict');
    expect((error as Error).message).toMatch(/Changed Elsewhere/);
    expect(h.lab.store.getUser(user.ObjectId!).DisplayName).toBe('Changed Elsewhere');
    expect(h.journal!.list().find((c) => c.ref.id === user.ObjectId)?.state).toBe('conflicted');
  });

  it('detects a conflict on a field changed elsewhere before the editor saved', async () => {
    const h = await start();
    const user = firstUser(h);
    h.lab.store.updateUser(user.ObjectId!, { LastName: 'Elsewhere' });
    await expect(h.service.update('user', user.ObjectId!, 'User x', user, { LastName: 'Mine' })).rejects.toMatchObject({ code: 'conflict' });
    expect(h.lab.store.getUser(user.ObjectId!).LastName).toBe('Elsewhere');
  });

  it('resets a PIN with "must change", shows the policy message when refused, and keeps the PIN out of the journal', async () => {
    const h = await start();
    const user = firstUser(h, 20);
    await expect(h.service.resetCredential(user.ObjectId!, 'User', 'pin', '111111', false)).rejects.toThrow(/too easy to guess/);
    await expect(h.service.resetCredential(user.ObjectId!, 'User', 'pin', '12a', false)).rejects.toMatchObject({ code: 'rejected' });
    const outcome = await h.service.resetCredential(user.ObjectId!, 'User', 'pin', '739104', true);
    expect(outcome.state).toBe('applied');
    expect(h.lab.store.verifyCredential(user.ObjectId!, 'pin', '739104')).toBe(true);
    expect(h.lab.store.getCredential(user.ObjectId!, 'pin').CredMustChange).toBe('true');
    const view = await h.service.getUser(user.ObjectId!);
    expect(view.pin?.mustChange).toBe(true);

    const password = await h.service.resetCredential(user.ObjectId!, 'User', 'password', 'Winter-Sky-2031', false);
    expect(password.state).toBe('applied');
    expect(h.lab.store.verifyCredential(user.ObjectId!, 'password', 'Winter-Sky-2031')).toBe(true);
    const fs = await import('node:fs');
    const journalText = fs.existsSync(h.journal!.path) ? fs.readFileSync(h.journal!.path, 'utf8') : '';
    expect(journalText).not.toContain('739104');
    expect(journalText).not.toContain('Winter-Sky-2031');
  });

  it('unlocks a locked-out PIN', async () => {
    const h = await start();
    const user = h.lab.store.getUser(h.userIdAt(LOCKED_OUT_PIN_USER_INDEXES[0]));
    const before = await h.service.getUser(user.ObjectId!);
    expect(before.pin?.hacked).toBe(true);
    await h.service.unlockCredential(user.ObjectId!, 'User', 'pin');
    const after = await h.service.getUser(user.ObjectId!);
    expect(after.pin?.hacked).toBe(false);
    expect(after.pin?.hackCount).toBe(0);
  });

  it('refuses to queue a PIN reset while the publisher is down, and queues ordinary edits', async () => {
    const h = await start();
    const user = firstUser(h, 2);
    await h.lab.publisher.stop();
    await expect(h.service.resetCredential(user.ObjectId!, 'User', 'pin', '739104', false)).rejects.toThrow(/PIN resets need the publisher; it is unreachable/);

    const view = await h.service.getUser(user.ObjectId!);
    expect(view.source).toBe('subscriber');
    const outcome = await h.service.update('user', user.ObjectId!, 'User y', view.fields, { Title: 'Team lead' });
    expect(outcome.state).toBe('queued');
    // The lab's subscriber would accept writes as acting primary; the console must not have written there.
    expect(h.lab.store.getUser(user.ObjectId!).Title).toBeUndefined();
    expect(h.service.state().detail).toMatch(/1 change waiting/);

    await h.lab.publisher.start();
    const deadline = Date.now() + 5000;
    while (h.lab.store.getUser(user.ObjectId!).Title !== 'Team lead' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(h.lab.store.getUser(user.ObjectId!).Title).toBe('Team lead');
  });
});

describe('Contacts editor', () => {
  it('creates, reads, updates and deletes a contact', async () => {
    const h = await start();
    await h.service.create('contact', { Alias: 'ext.vendor', FirstName: 'Ext', LastName: 'Vendor', DtmfAccessId: '6123' });
    const found = await h.service.search({ type: 'contact', column: 'Alias', operator: 'is', text: 'ext.vendor' });
    expect(found.total).toBe(1);
    const id = found.items[0]!.ObjectId!;
    const view = await h.service.get('contact', id);
    expect(view.fields.DisplayName).toBe('Ext Vendor');
    await h.service.update('contact', id, 'Contact', view.fields, { DisplayName: 'External Vendor', TransferEnabled: 'true', TransferExtension: '918005550199' });
    expect(h.lab.store.getContact(id).TransferExtension).toBe('918005550199');
    await h.service.remove('contact', id, 'Contact', (await h.service.get('contact', id)).fields);
    expect(h.lab.store.findContactByAlias('ext.vendor')).toBeUndefined();
  });
});

describe('Distribution lists editor', () => {
  it('creates and updates a list and adds and removes users, contacts and lists as members', async () => {
    const h = await start();
    await h.service.create('distributionlist', { Alias: 'weather', DisplayName: 'Weather team', AllowContacts: 'true' });
    const list = h.lab.store.findDistributionListByAlias('weather')!;
    const view = await h.service.getDistributionList(list.ObjectId!);
    expect(view.members).toEqual([]);
    await h.service.update('distributionlist', list.ObjectId!, 'List weather', view.fields, { DisplayName: 'Weather closures' });
    expect(h.lab.store.getDistributionList(list.ObjectId!).DisplayName).toBe('Weather closures');

    const user = firstUser(h, 3);
    const contact = h.lab.store.findContactByAlias('payroll.bureau')!;
    const other = h.lab.store.findDistributionListByAlias('allsupervisors')!;
    await h.service.addMember(list.ObjectId!, 'Weather', 'user', user.ObjectId!, user.Alias!);
    await h.service.addMember(list.ObjectId!, 'Weather', 'contact', contact.ObjectId!, contact.Alias!);
    await h.service.addMember(list.ObjectId!, 'Weather', 'distributionlist', other.ObjectId!, other.Alias!);
    const withMembers = await h.service.getDistributionList(list.ObjectId!);
    expect(withMembers.members.map((m) => m.Alias).sort()).toEqual([contact.Alias, other.Alias, user.Alias].sort());

    await h.service.removeMember(list.ObjectId!, 'Weather', contact.ObjectId!, contact.Alias!);
    const after = await h.service.getDistributionList(list.ObjectId!);
    expect(after.members.map((m) => m.Alias).sort()).toEqual([other.Alias, user.Alias].sort());
  });
});

describe('Call handlers editor', () => {
  it('creates, reads, updates and deletes a call handler', async () => {
    const h = await start();
    await h.service.create('callhandler', { DisplayName: 'Snow Line', DtmfAccessId: '5300' });
    const found = await h.service.search({ type: 'callhandler', column: 'DisplayName', text: 'Snow' });
    expect(found.total).toBe(1);
    const id = found.items[0]!.ObjectId!;
    const view = await h.service.getCallHandler(id);
    expect(view.greetings.length).toBeGreaterThanOrEqual(6);
    expect(view.transferRules.map((r) => r.TransferOptionType).sort()).toEqual(['Alternate', 'Off Hours', 'Standard']);
    await h.service.update('callhandler', id, 'Handler', view.fields, { DisplayName: 'Snow Closure Line' });
    expect(h.lab.store.getCallHandler(id).DisplayName).toBe('Snow Closure Line');
    await h.service.remove('callhandler', id, 'Handler', (await h.service.get('callhandler', id)).fields);
    await expect(h.service.get('callhandler', id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('enables the Alternate and Closed greetings until a date, indefinitely, and disables them again', async () => {
    const h = await start();
    const handler = h.lab.store.findCallHandlerByName('Support Line')!;
    const until = Date.UTC(2031, 0, 1, 17, 30);
    const view = await h.service.getCallHandler(handler.ObjectId!);
    const alternate = view.greetings.find((g) => g.GreetingType === 'Alternate')!;
    expect(isRuleEnabled(alternate.TimeExpires)).toBe(false);
    await h.service.updateGreeting(handler.ObjectId!, 'Support Line', 'Alternate', alternate, { TimeExpires: formatCupiTime(until) });
    const stored = h.lab.store.getGreeting(handler.ObjectId!, 'Alternate');
    expect(stored.TimeExpires).toBe('2031-01-01 17:30:00.0');
    expect(stored.Enabled).toBe('true');

    const closed = (await h.service.getCallHandler(handler.ObjectId!)).greetings.find((g) => g.GreetingType === 'Off Hours')!;
    await h.service.updateGreeting(handler.ObjectId!, 'Support Line', 'Off Hours', closed, { TimeExpires: '2199-12-31 00:00:00.0' });
    expect(h.lab.store.getGreeting(handler.ObjectId!, 'Off Hours').Enabled).toBe('true');

    const again = h.lab.store.getGreeting(handler.ObjectId!, 'Alternate');
    await h.service.updateGreeting(handler.ObjectId!, 'Support Line', 'Alternate', again, { TimeExpires: '1972-01-01 00:00:00.0' });
    expect(h.lab.store.getGreeting(handler.ObjectId!, 'Alternate').Enabled).toBe('false');
  });

  it('updates the Standard, Off Hours and Alternate transfer rules', async () => {
    const h = await start();
    const handler = h.lab.store.findCallHandlerByName('Sales Line')!;
    const view = await h.service.getCallHandler(handler.ObjectId!);
    const standard = view.transferRules.find((r) => r.TransferOptionType === 'Standard')!;
    await h.service.updateTransferRule(handler.ObjectId!, 'Sales Line', 'Standard', standard, { Action: '1', Extension: '4099', TransferRings: '6' });
    expect(h.lab.store.getTransferOption(handler.ObjectId!, 'Standard')).toMatchObject({ Action: '1', Extension: '4099', TransferRings: '6' });
    const alternate = view.transferRules.find((r) => r.TransferOptionType === 'Alternate')!;
    await h.service.updateTransferRule(handler.ObjectId!, 'Sales Line', 'Alternate', alternate, { TimeExpires: '2031-01-01 00:00:00.0' });
    expect(h.lab.store.getTransferOption(handler.ObjectId!, 'Alternate').Enabled).toBe('true');
    const offHours = view.transferRules.find((r) => r.TransferOptionType === 'Off Hours')!;
    await expect(
      h.service.updateTransferRule(handler.ObjectId!, 'Sales Line', 'Off Hours', offHours, { Action: '1' }),
    ).rejects.toThrow(/needs an Extension/);
  });

  it('saves announce, confirm and screening of a supervised rule through the journal, and refuses values Unity Connection would', async () => {
    const h = await start();
    const handler = h.lab.store.findCallHandlerByName('Support Line')!;
    const standard = (await h.service.getCallHandler(handler.ObjectId!)).transferRules.find((r) => r.TransferOptionType === 'Standard')!;
    expect(standard.TransferType).toBe('1');
    const outcome = await h.service.updateTransferRule(handler.ObjectId!, 'Support Line', 'Standard', standard, {
      TransferAnnounce: 'true',
      TransferConfirm: 'true',
      TransferScreening: 'true',
    });
    expect(outcome.state).toBe('applied');
    expect(h.lab.store.getTransferOption(handler.ObjectId!, 'Standard')).toMatchObject({ TransferAnnounce: 'true', TransferConfirm: 'true', TransferScreening: 'true', TransferIntroduce: 'false' });
    // One change with base and mine for the touched fields only, named in words.
    const change = h.journal!.list().find((c) => c.ref.type === 'transferrule' && c.ref.id === `${handler.ObjectId}/Standard`)!;
    expect(change.base).toEqual({ TransferAnnounce: 'false', TransferConfirm: 'false', TransferScreening: 'false' });
    expect(change.mine).toEqual({ TransferAnnounce: 'true', TransferConfirm: 'true', TransferScreening: 'true' });
    expect(change.summary).toContain('Announce: the person who answers hears “Transferring call”: No → Yes');

    // Someone else switched screening off meanwhile: a conflict, not overwritten.
    h.lab.store.updateTransferOption(handler.ObjectId!, 'Standard', { TransferScreening: 'false' });
    await expect(
      h.service.updateTransferRule(handler.ObjectId!, 'Support Line', 'Standard', { TransferScreening: 'true' }, { TransferScreening: 'false', TransferConfirm: 'false' }),
    ).rejects.toMatchObject({ code: 'conflict' });

    for (const changes of [{ TransferConfirm: 'yes' }, { TransferType: '2' }, { TransferRings: '1' }, { Action: 'transfer' }] as Array<Record<string, string>>) {
      await expect(h.service.updateTransferRule(handler.ObjectId!, 'Support Line', 'Standard', standard, changes)).rejects.toMatchObject({ code: 'invalid_value' });
    }
    expect(h.lab.store.getTransferOption(handler.ObjectId!, 'Standard')).toMatchObject({ TransferType: '1', TransferConfirm: 'true', TransferRings: '5' });
  });
});
