import type { LabSeed } from '../seed';
import { SEED_TIME, type CucStore } from './store';
import type { CupiRecord } from './wire';

/**
 * Fill a fresh store from the lab seed: the agents' mailboxes first (same
 * aliases and extensions as on the UCCX side), then the extra users, a few
 * contacts, distribution lists (per team, nested, with contacts) and the call
 * handlers a contact centre has (Opening Greeting, Main Menu, Support Line…,
 * and one line per warehouse).
 */

/** Unity Connection numbers time zones the Windows way; the seed uses IANA names. */
const CUC_TIME_ZONES: Readonly<Record<string, string>> = {
  'America/New_York': '35',
  'America/Chicago': '20',
  'Europe/London': '85',
  'Europe/Berlin': '110',
};

/** Seed users (by position in seed.cucUsers) whose PIN is locked out after failed sign-ins. */
export const LOCKED_OUT_PIN_USER_INDEXES = [4, 11, 27] as const;
/** Seed users whose web password an administrator locked. */
export const LOCKED_PASSWORD_USER_INDEXES = [6] as const;
/** Seed users who must change their PIN at next sign-in. */
export const MUST_CHANGE_PIN_USER_INDEXES = [8, 9] as const;

function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function populateDirectory(store: CucStore, seed: LabSeed): void {
  // Seeded objects get fixed timestamps, so the same seed gives byte-identical data.
  const clock = store.now;
  store.now = () => SEED_TIME;
  try {
    populate(store, seed);
  } finally {
    store.now = clock;
  }
}

function populate(store: CucStore, seed: LabSeed): void {
  const supervisorAliases = new Set(seed.agents.filter((a) => a.type === 2).map((a) => a.userID));
  const toEntry = (u: LabSeed['cucUsers'][number]): CupiRecord => ({
    Alias: u.alias,
    FirstName: u.firstName,
    LastName: u.lastName,
    DisplayName: u.displayName,
    DtmfAccessId: u.dtmfAccessId,
    SmtpAddress: u.smtpAddress,
    TimeZone: CUC_TIME_ZONES[u.timeZone] ?? '35',
    UseDefaultTimeZone: 'false',
    IsVmEnrolled: 'true',
  });
  store.loadUsers(seed.cucUsers.filter((u) => supervisorAliases.has(u.alias)).map(toEntry), 'supervisortemplate');
  store.loadUsers(seed.cucUsers.filter((u) => !supervisorAliases.has(u.alias)).map(toEntry), 'voicemailusertemplate');

  const userIdAt = (index: number) => {
    const alias = seed.cucUsers[index]?.alias;
    return alias ? store.findUserByAlias(alias)?.ObjectId : undefined;
  };
  for (const index of LOCKED_OUT_PIN_USER_INDEXES) {
    const id = userIdAt(index);
    if (id) store.recordFailedSignIns(id, 'pin', store.policy.lockoutThreshold, SEED_TIME - index * 60_000);
  }
  for (const index of LOCKED_PASSWORD_USER_INDEXES) {
    const id = userIdAt(index);
    if (id) store.updateCredential(id, 'password', { Locked: 'true' });
  }
  for (const index of MUST_CHANGE_PIN_USER_INDEXES) {
    const id = userIdAt(index);
    if (id) store.updateCredential(id, 'pin', { CredMustChange: 'true' });
  }

  const contacts = {
    onCallIt: store.createContact(null, {
      Alias: 'oncall.it', FirstName: 'On-call', LastName: 'IT', DisplayName: 'On-call IT Engineer',
      TransferEnabled: 'true', TransferExtension: '+15555550100',
    }),
    facilities: store.createContact(null, {
      Alias: 'facilities.desk', DisplayName: 'Facilities Desk', TransferEnabled: 'true', TransferExtension: '918005550101',
    }),
    legal: store.createContact(null, {
      Alias: 'legal.counsel', FirstName: 'Ines', LastName: 'Moreau', DisplayName: 'Ines Moreau (Legal)', SmtpAddress: 'ines.moreau@lawfirm.example',
    }),
    payroll: store.createContact(null, { Alias: 'payroll.bureau', DisplayName: 'Payroll Bureau', DtmfAccessId: '6001' }),
  };

  const memberIdOf = (alias: string) => store.findUserByAlias(alias)?.ObjectId;
  const addUsers = (listId: string, aliases: Iterable<string>) => {
    for (const alias of aliases) {
      const id = memberIdOf(alias);
      if (id) store.addMember(listId, { MemberUserObjectId: id });
    }
  };

  const undeliverable = store.createDistributionList(
    { Alias: 'undeliverablemessages', DisplayName: 'Undeliverable Messages' },
    { undeletable: true },
  );
  store.setDefaultMessageRecipientList(undeliverable.ObjectId!);
  addUsers(undeliverable.ObjectId!, [seed.demoSupervisor]);

  const supervisors = store.createDistributionList({ Alias: 'allsupervisors', DisplayName: 'All Supervisors', DtmfAccessId: '5900' });
  addUsers(supervisors.ObjectId!, supervisorAliases);

  const teamLists = seed.teams.map((team) => {
    const list = store.createDistributionList({ Alias: `team-${slug(team.teamname)}`, DisplayName: team.teamname });
    addUsers(list.ObjectId!, seed.agents.filter((a) => a.type === 1 && a.teamId === team.teamId).map((a) => a.userID));
    return list;
  });

  const allTeams = store.createDistributionList({ Alias: 'allteams', DisplayName: 'All Contact Centre Teams' });
  for (const list of teamLists) store.addMember(allTeams.ObjectId!, { MemberDistributionListObjectId: list.ObjectId! });

  const escalations = store.createDistributionList({ Alias: 'escalations', DisplayName: 'Escalations', AllowContacts: 'true' });
  store.addMember(escalations.ObjectId!, { MemberDistributionListObjectId: supervisors.ObjectId! });
  store.addMember(escalations.ObjectId!, { MemberContactObjectId: contacts.onCallIt.ObjectId! });
  store.addMember(escalations.ObjectId!, { MemberContactObjectId: contacts.legal.ObjectId! });

  const operatorRecipient = memberIdOf(seed.demoSupervisor);
  store.createCallHandler(null, { DisplayName: 'Opening Greeting' }, { undeletable: true });
  store.createCallHandler(
    null,
    { DisplayName: 'Operator', DtmfAccessId: '0', ...(operatorRecipient ? { RecipientSubscriberObjectId: operatorRecipient } : {}) },
    { undeletable: true },
  );
  store.createCallHandler(null, { DisplayName: 'Goodbye' }, { undeletable: true });
  store.createCallHandler(null, { DisplayName: 'Main Menu', DtmfAccessId: '5000' });
  const support = store.createCallHandler(null, { DisplayName: 'Support Line', DtmfAccessId: '5100' });
  const sales = store.createCallHandler(null, { DisplayName: 'Sales Line', DtmfAccessId: '5200' });

  // The support line rings the first support agent's phone during the day (supervised, five rings).
  const firstAgent = seed.agents.find((a) => a.type === 1);
  if (firstAgent) {
    store.updateTransferOption(support.ObjectId!, 'Standard', {
      Action: '1', Extension: firstAgent.extension, TransferType: '1', TransferRings: '5',
    });
  }
  // The sales line plays its own recorded busy greeting, switched on until the end of 2099.
  store.updateGreeting(sales.ObjectId!, 'Busy', { TimeExpires: '2099-12-31 23:59:59.0', PlayWhat: '1' });

  // One line per warehouse: more call handlers than one page of a list, sorted after the lines above.
  for (let number = 1; number <= WAREHOUSE_LINES; number++) {
    const digits = String(number).padStart(3, '0');
    store.createCallHandler(null, { DisplayName: `Warehouse ${digits} line`, DtmfAccessId: `880${digits}` });
  }
}

/**
 * Call handlers "Warehouse 001 line" … "Warehouse 240 line" (extensions
 * 880001…; no seeded user, contact or list uses that range). By name they
 * sort after every other seeded handler, so the last forty are beyond the
 * first 200 of the list.
 */
export const WAREHOUSE_LINES = 240;
