/**
 * Deterministic seed data for the lab, sized like a full UCCX by default:
 * 400 agents in 12 teams, 30 skills, 20 CSQs, several supervisors.
 *
 * Every lab server (UCCX pair, Unity Connection pair, report server) is built
 * from the same seed so that an agent seen on the board is the same person
 * whose skills the editors change and whose mailbox the CUPI editors reset.
 */

export interface SeedOptions {
  /** PRNG seed; the same seed always produces the same data. */
  seed?: number;
  /** Number of agents (supervisors included). 5,000 for board load tests. */
  agents?: number;
  teams?: number;
  skills?: number;
  csqs?: number;
  /** Unity Connection users (the agents' mailboxes first, then extra users). */
  cucUsers?: number;
}

export interface LabSkill {
  skillId: number;
  skillName: string;
}

export interface LabResourceGroup {
  id: number;
  name: string;
}

export interface LabSkillLevel {
  skillId: number;
  competencelevel: number;
}

export interface LabAgent {
  userID: string;
  firstName: string;
  lastName: string;
  extension: string;
  alias: string;
  teamId: number;
  resourceGroupId: number | null;
  skills: LabSkillLevel[];
  autoAvailable: boolean;
  /** 1 = agent, 2 = supervisor (as observed in adminapi samples). */
  type: 1 | 2;
}

export interface LabTeam {
  teamId: number;
  teamname: string;
  primarySupervisor: string | null;
  secondarySupervisors: string[];
  csqIds: number[];
}

export interface LabCsq {
  id: number;
  name: string;
  queueType: 'VOICE' | 'CHAT' | 'EMAIL';
  routingType: string;
  queueAlgorithm: 'FIFO';
  autoWork: boolean;
  wrapupTime: number;
  resourcePoolType: 'SKILL_GROUP' | 'RESOURCE_GROUP';
  serviceLevel: number;
  serviceLevelPercentage: number;
  skills: Array<LabSkillLevel & { weight: number }>;
  selectionCriteria: string;
  promptFile: string | null;
}

export interface LabScriptParameter {
  name: string;
  value: string;
  type: 'java.lang.String' | 'java.lang.Boolean' | 'java.lang.Integer' | 'com.cisco.cccalendar.CCCalendar';
}

export interface LabApplication {
  applicationName: string;
  id: number;
  type: 'Cisco Script Application';
  description: string;
  maxsession: number;
  enabled: boolean;
  scriptName: string;
  scriptParams: LabScriptParameter[];
}

export interface LabCalendar {
  id: number;
  name: string;
  timeZone: string;
  description: string;
  calendarType: 'FULLTIME' | 'PARTTIME';
}

export interface LabPrompt {
  name: string;
  /** Duration of the generated 8 kHz mu-law tone, in milliseconds. */
  durationMs: number;
}

export interface LabCucUser {
  alias: string;
  firstName: string;
  lastName: string;
  displayName: string;
  dtmfAccessId: string;
  smtpAddress: string;
  timeZone: string;
}

export interface LabSeed {
  options: Required<SeedOptions>;
  skills: LabSkill[];
  resourceGroups: LabResourceGroup[];
  agents: LabAgent[];
  teams: LabTeam[];
  csqs: LabCsq[];
  applications: LabApplication[];
  calendars: LabCalendar[];
  prompts: LabPrompt[];
  cucUsers: LabCucUser[];
  /** The supervisor whose agentId the demo profile subscribes with (sees every team). */
  demoSupervisor: string;
  /** Not Ready reason codes the scenario engine uses. */
  notReadyReasons: string[];
}

export const DEFAULT_SEED_OPTIONS: Required<SeedOptions> = {
  seed: 1,
  agents: 400,
  teams: 12,
  skills: 30,
  csqs: 20,
  cucUsers: 500,
};

/** mulberry32: tiny, fast, good enough for deterministic test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Jane', 'Ravi', 'Maria', 'Chen', 'Fatima', 'Lukas', 'Aisha', 'Diego', 'Yuki', 'Olga',
  'Kwame', 'Sofia', 'Mateo', 'Priya', 'Liam', 'Noor', 'Renée', 'Tomás', 'Ingrid', 'Hiro',
  'Amara', 'Jonas', 'Leila', 'Pavel', 'Grace', 'Omar', 'Elif', 'Sean', 'Mei', 'Bruno',
];
const LAST_NAMES = [
  'Doe', 'Khan', 'Garcia', 'Wong', 'Haddad', 'Becker', 'Okafor', 'Silva', 'Tanaka', 'Ivanova',
  'Mensah', 'Rossi', 'Lopez', 'Nair', "O'Brien", 'Farouk', 'Yilmaz', 'Murphy', 'Li', 'Costa',
  'Dubois', 'Novak', 'Kim', 'Andersson', 'Smith', 'Müller', 'Kowalski', 'Patel', 'Santos', 'Nguyen',
];
const SKILL_NAMES = [
  'Billing', 'Sales', 'Support_L1', 'Support_L2', 'Spanish', 'French', 'German', 'Retention',
  'Claims', 'Payments', 'Technical', 'Orders', 'Returns', 'VIP', 'Complaints', 'Onboarding',
  'Insurance', 'Mortgage', 'Loans', 'Cards', 'Fraud', 'Travel', 'Roaming', 'Upgrades',
  'Collections', 'Portuguese', 'Italian', 'Chat', 'Email', 'Escalations',
];
const TEAM_NAMES = [
  'Billing Team', 'Sales East', 'Sales West', 'Support Tier 1', 'Support Tier 2', 'Retention',
  'Claims', 'Payments', 'Technical Desk', 'Orders & Returns', 'VIP Care', 'Night Shift',
];
const SELECTION_CRITERIA = [
  'Longest Available', 'Most Handled Contacts', 'Shortest Average Handle Time', 'Most Skilled',
  'Least Skilled', 'Most Skilled by Weight', 'Least Skilled by Weight', 'Most Skilled by Order',
  'Least Skilled by Order',
];
const TIME_ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin'];

function nameAt<T>(list: readonly T[], index: number): T {
  return list[index % list.length]!;
}

function uniqueName(base: string, index: number, listLength: number): string {
  return index < listLength ? base : `${base}_${Math.floor(index / listLength) + 1}`;
}

export function createSeed(options: SeedOptions = {}): LabSeed {
  const opts: Required<SeedOptions> = { ...DEFAULT_SEED_OPTIONS, ...options };
  const random = createRandom(opts.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

  const skills: LabSkill[] = Array.from({ length: opts.skills }, (_, i) => ({
    skillId: i + 1,
    skillName: uniqueName(nameAt(SKILL_NAMES, i), i, SKILL_NAMES.length),
  }));

  const resourceGroups: LabResourceGroup[] = [
    'Billing RG', 'Sales RG', 'Support RG', 'Care RG', 'Back Office RG',
  ].map((name, i) => ({ id: i + 1, name }));

  // Supervisors first: one for every three teams, at least two. The first one
  // is the operations manager who supervises every team (the demo profile).
  const supervisorCount = Math.max(2, Math.ceil(opts.teams / 3));
  const agents: LabAgent[] = [];
  for (let i = 0; i < opts.agents; i++) {
    const firstName = nameAt(FIRST_NAMES, i * 7 + Math.floor(i / FIRST_NAMES.length));
    const lastName = nameAt(LAST_NAMES, i * 11 + Math.floor(i / LAST_NAMES.length));
    const isSupervisor = i < supervisorCount;
    const userID = isSupervisor
      ? `sup${String(i + 1).padStart(2, '0')}`
      : `${firstName[0]!.toLowerCase()}${lastName.toLowerCase().replace(/[^a-z]/g, '')}${i}`;
    const skillCount = isSupervisor ? 0 : between(1, 5);
    const skillIds = new Set<number>();
    while (skillIds.size < skillCount) skillIds.add(between(1, opts.skills));
    agents.push({
      userID,
      firstName,
      lastName,
      extension: String(4000 + i),
      alias: firstName,
      teamId: isSupervisor ? Math.min(opts.teams, 1 + i * 3) : 1 + (i % opts.teams),
      resourceGroupId: isSupervisor ? null : 1 + (i % resourceGroups.length),
      skills: [...skillIds].sort((a, b) => a - b).map((skillId) => ({ skillId, competencelevel: between(1, 10) })),
      autoAvailable: random() < 0.7,
      type: isSupervisor ? 2 : 1,
    });
  }

  const supervisors = agents.slice(0, supervisorCount).map((a) => a.userID);
  const demoSupervisor = supervisors[0]!;

  const csqs: LabCsq[] = Array.from({ length: opts.csqs }, (_, i) => {
    const skill = skills[i % skills.length]!;
    return {
      id: i + 1,
      name: `${skill.skillName}_CSQ`,
      queueType: 'VOICE',
      routingType: 'VOICE',
      queueAlgorithm: 'FIFO',
      autoWork: random() < 0.5,
      wrapupTime: pick([0, 15, 30, 60]),
      resourcePoolType: 'SKILL_GROUP',
      serviceLevel: pick([5, 20, 30]),
      serviceLevelPercentage: pick([70, 80, 90]),
      skills: [{ skillId: skill.skillId, competencelevel: between(1, 5), weight: 1 }],
      selectionCriteria: pick(SELECTION_CRITERIA),
      promptFile: i % 4 === 0 ? 'welcome.wav' : null,
    };
  });

  const teams: LabTeam[] = Array.from({ length: opts.teams }, (_, i) => {
    const teamId = i + 1;
    const primary = supervisors[Math.floor(i / 3) % supervisors.length]!;
    const secondaries = supervisors.filter((s) => s !== primary && (s === demoSupervisor || random() < 0.3));
    return {
      teamId,
      teamname: uniqueName(nameAt(TEAM_NAMES, i), i, TEAM_NAMES.length),
      primarySupervisor: primary,
      secondarySupervisors: secondaries,
      csqIds: csqs.filter((c) => c.id % opts.teams === teamId % opts.teams).map((c) => c.id),
    };
  });

  const applications: LabApplication[] = [
    {
      applicationName: 'Customer_Service', id: 1, type: 'Cisco Script Application',
      description: 'Main inbound line', maxsession: 120, enabled: true, scriptName: 'SCRIPT[customer_service.aef]',
      scriptParams: [
        { name: 'emergencyClosed', value: 'false', type: 'java.lang.Boolean' },
        { name: 'weatherMessage', value: 'false', type: 'java.lang.Boolean' },
        { name: 'queueMusic', value: 'default.wav', type: 'java.lang.String' },
        { name: 'maxQueueTime', value: '600', type: 'java.lang.Integer' },
      ],
    },
    {
      applicationName: 'Sales_Line', id: 2, type: 'Cisco Script Application',
      description: 'Sales hotline', maxsession: 60, enabled: true, scriptName: 'SCRIPT[sales.aef]',
      scriptParams: [
        { name: 'emergencyClosed', value: 'false', type: 'java.lang.Boolean' },
        { name: 'promoAnnouncement', value: 'true', type: 'java.lang.Boolean' },
      ],
    },
    {
      applicationName: 'After_Hours', id: 3, type: 'Cisco Script Application',
      description: 'Out of hours messages', maxsession: 30, enabled: true, scriptName: 'SCRIPT[after_hours.aef]',
      scriptParams: [
        { name: 'holidayGreeting', value: 'holiday_default.wav', type: 'java.lang.String' },
        // The calendar the script checks; a CCCalendar parameter naming it by name is the lab's form [U].
        { name: 'openingHours', value: 'Business Hours', type: 'com.cisco.cccalendar.CCCalendar' },
      ],
    },
  ];

  const calendars: LabCalendar[] = [
    { id: 1, name: 'Business Hours', timeZone: 'America/New_York', description: 'Mon-Fri 8-18', calendarType: 'PARTTIME' },
    { id: 2, name: 'Always Open', timeZone: 'Etc/Universal', description: '24x7 lines', calendarType: 'FULLTIME' },
  ];

  const prompts: LabPrompt[] = [
    { name: 'welcome.wav', durationMs: 1200 },
    { name: 'closed.wav', durationMs: 900 },
    { name: 'holiday_default.wav', durationMs: 700 },
  ];

  const cucUsers: LabCucUser[] = [];
  for (let i = 0; i < opts.cucUsers; i++) {
    const agent = agents[i];
    const firstName = agent?.firstName ?? nameAt(FIRST_NAMES, i * 3 + Math.floor(i / FIRST_NAMES.length));
    const lastName = agent?.lastName ?? nameAt(LAST_NAMES, i * 5 + Math.floor(i / LAST_NAMES.length));
    const alias = agent?.userID ?? `user${String(i).padStart(5, '0')}`;
    cucUsers.push({
      alias,
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      dtmfAccessId: agent?.extension ?? String(20000 + i),
      smtpAddress: `${alias.normalize('NFD').replace(/[^\w.]/g, '')}@example.com`,
      timeZone: nameAt(TIME_ZONES, i),
    });
  }

  return {
    options: opts,
    skills,
    resourceGroups,
    agents,
    teams,
    csqs,
    applications,
    calendars,
    prompts,
    cucUsers,
    demoSupervisor,
    notReadyReasons: ['Lunch', 'Break', 'Meeting', 'Training', 'Coaching', 'System'],
  };
}

/** Teams a supervisor sees on the board: those where they are primary or secondary supervisor. */
export function teamsSupervisedBy(seed: LabSeed, supervisorId: string): LabTeam[] {
  return seed.teams.filter(
    (t) => t.primarySupervisor === supervisorId || t.secondarySupervisors.includes(supervisorId),
  );
}
