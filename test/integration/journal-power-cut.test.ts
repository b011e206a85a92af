import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { createToneWav } from '../../lab/uccx';
import { WriteJournal, type ChangeApplier, type EnqueueInput } from '../../electron/services/journal/journal';
import { JournalHub } from '../../electron/services/journal/hub';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { UccxService } from '../../electron/services/uccx/service';
import { CupiService } from '../../electron/services/cupi/service';
import { HttpClient } from '../../electron/services/net/http-client';
import { TrustStore } from '../../electron/services/net/trust-store';
import type { Logger } from '../../electron/services/log/logger';
import type { FieldMap, PendingChange } from '../../shared/domain/changes';
import { PowerCutFiles, prng } from '../support/power-cut-files';

/**
 * Power cuts, proven against a disk that forgets: every file operation of the
 * journal, its audit log, compaction and queued prompt audio goes through
 * PowerCutFiles, which drops at the cut whatever was not fsync'd (data, and
 * names whose folder was not fsync'd) and tears the last unsynced writes.
 *
 * Each scenario cuts the power at one file operation of a workload of
 * creates, updates, deletes and (UCCX) prompt uploads, reboots from what
 * survived (sometimes cutting again during recovery), drains against the same
 * server and checks: every change whose enqueue returned was written exactly
 * once, one whose enqueue threw at most once, nothing else was written.
 * Writes are counted at the server: the in-memory fake's apply, the UCCX
 * lab's change events, the Unity Connection lab's store.
 *
 * A failure names its scenario; POWER_CUT_SCENARIO=<name> runs only that one.
 */
const ONLY = process.env.POWER_CUT_SCENARIO ?? null;
const FAKE_WORKLOADS = [11, 22, 33, 44, 55, 66, 77, 88];
const FAKE_CHANGES = 30;
const LAB_SCENARIOS = 250;
const LAB_CHANGES = 12;
const DIR = '/data/profiles/p1';

const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => SILENT };

// ---- the scenario runner ---------------------------------------------------

interface World {
  journal(): WriteJournal | null;
  /** Stop starting writes at once (called at the instant of the cut, as the process dies). */
  halt(): void;
  /** Wait for writes already sent, then release everything. */
  stop(): Promise<void>;
}

interface Step<W extends World> {
  /** What the server-side counter records when this change is written. */
  key: string;
  /** Queue the change; throws when it was not acknowledged. */
  enqueue(world: W): void;
}

interface System<W extends World> {
  name: string;
  boot(files: PowerCutFiles): Promise<W>;
  /** Writes the server accepted, by key, since reset. */
  writes: Map<string, number>;
  /** Let the world run a little: `units` event-loop turns (fake) or milliseconds (lab). */
  pause(units: number): Promise<void>;
}

interface Scenario {
  name: string;
  cutAt: number;
  /** A second cut during recovery (Infinity = none). */
  recoveryCutAt: number;
  random: () => number;
}

const coverage = new Map<string, Map<string, number>>();
function count(system: string, label: string): void {
  const bySystem = coverage.get(system) ?? new Map<string, number>();
  bySystem.set(label, (bySystem.get(label) ?? 0) + 1);
  coverage.set(system, bySystem);
}

/** Where the cut landed: enqueue, compaction (temp file, rename, and the folder fsync and reopen after it), drain or recovery. */
function classify(files: PowerCutFiles, phase: string): string {
  if (phase === 'enqueue') return 'enqueue';
  if (files.recent.some((op) => op.op === 'rename' || op.path.endsWith('.tmp'))) return 'compaction';
  return phase;
}

/** Whether a change can still move: queued or applying, and not held back behind a failed or conflicted one to the same object. */
function hasWorkLeft(changes: PendingChange[]): boolean {
  const object = (change: PendingChange) => `${change.ref.type}/${change.ref.id}`;
  const stuck = new Set(changes.filter((c) => c.state === 'failed' || c.state === 'conflicted').map(object));
  return changes.some((c) => (c.state === 'queued' || c.state === 'applying') && !stuck.has(object(c)));
}

/** Run until the power is cut or nothing is left to do (every change applied, or failed or conflicted: stuck). */
async function until<W extends World>(system: System<W>, files: PowerCutFiles, world: W, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (files.dead) return;
    const journal = world.journal();
    if (journal && !hasWorkLeft(journal.list())) return;
    if (Date.now() > deadline) {
      const stuck = journal?.list().filter((c) => c.state !== 'applied' && c.state !== 'discarded').map((c) => `${c.label}: ${c.state} ${c.lastError ?? ''}`);
      throw new Error(`power-cut scenario ${what}: the queue did not drain: ${JSON.stringify(stuck)}`);
    }
    await system.pause(1);
  }
}

/** A booted world, or null when the power was cut while it booted. */
async function bootWorld<W extends World>(system: System<W>, files: PowerCutFiles): Promise<W | null> {
  try {
    return await system.boot(files);
  } catch (error) {
    if (files.dead) return null;
    throw error;
  }
}

/** One scenario: run with a cut, reboot from what survived until a boot drains, then check the server's write counts. */
async function runScenario<W extends World>(system: System<W>, steps: Array<Step<W>>, scenario: Scenario): Promise<number> {
  system.writes.clear();
  const acknowledged = new Set<string>();
  const attempted = new Set<string>();
  let files = new PowerCutFiles();
  files.cutAt = scenario.cutAt;
  let world: W | null = null;
  let phase = 'open';
  files.onCut = () => {
    count(system.name, classify(files, phase));
    world?.halt();
  };
  try {
    world = await bootWorld(system, files);
    phase = 'drain';
    for (const step of world ? steps : []) {
      if (files.dead) break;
      attempted.add(step.key);
      phase = 'enqueue';
      try {
        step.enqueue(world!);
        acknowledged.add(step.key);
      } catch (error) {
        if (!files.dead) throw error;
        break;
      } finally {
        phase = 'drain';
      }
      await system.pause(Math.floor(scenario.random() * 4));
    }
    if (world) await until(system, files, world, `${scenario.name}, first boot`);
  } finally {
    await world?.stop();
  }
  const operations = files.operations;
  const where = files.cut ? `power cut at file operation ${files.cut.index} (${files.cut.op} ${files.cut.path})` : 'power cut after the run';

  // Reboot from the disk as it survived; a power cut after a clean run must lose nothing either.
  const problems: string[] = [];
  for (let attempt = 2; ; attempt++) {
    files = files.survivor(scenario.random);
    if (attempt === 2) files.cutAt = scenario.recoveryCutAt;
    phase = 'recovery';
    const recovering = files;
    files.onCut = () => {
      count(system.name, classify(recovering, phase));
      world?.halt();
    };
    world = null;
    try {
      world = await bootWorld(system, files);
      if (world) await until(system, files, world, `${scenario.name}, boot ${attempt}`);
      if (world && !files.dead) {
        for (const change of world.journal()?.list() ?? []) {
          if (change.state === 'failed' || change.state === 'conflicted') problems.push(`${change.label} ${change.state}${change.lastError ? `: ${change.lastError}` : ''}`);
        }
      }
    } finally {
      await world?.stop();
    }
    if (!files.dead) break;
    if (attempt > 4) throw new Error('recovery was cut more than planned');
  }

  for (const key of acknowledged) if (system.writes.get(key) !== 1) problems.push(`acknowledged ${key} written ${system.writes.get(key) ?? 0} times`);
  for (const key of attempted) if (!acknowledged.has(key) && (system.writes.get(key) ?? 0) > 1) problems.push(`unacknowledged ${key} written ${system.writes.get(key)} times`);
  for (const [key, times] of system.writes) if (!attempted.has(key)) problems.push(`unexpected write ${key} (${times})`);
  if (problems.length > 0) {
    throw new Error(`power-cut scenario ${scenario.name} (${where}; reproduce with POWER_CUT_SCENARIO=${scenario.name}): ${problems.join('; ')}`);
  }
  return operations;
}

function scenarioRandom(name: string): () => number {
  return prng(crypto.createHash('sha256').update(name).digest().readUInt32LE(0));
}

/** The scenarios to run: all of them, or the one named in POWER_CUT_SCENARIO. */
function selected(name: string): boolean {
  return ONLY === null || ONLY === name;
}

// ---- the in-memory server ---------------------------------------------------

function keyOf(change: Pick<PendingChange, 'operation' | 'ref' | 'mine'>): string {
  return `${change.operation} ${change.ref.type} ${change.ref.id} ${JSON.stringify(change.mine)}`;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Objects are field maps; every accepted write is counted by the change's key. */
class FakeServer implements ChangeApplier<FieldMap> {
  objects = new Map<string, FieldMap>();
  writes = new Map<string, number>();
  concurrency = 3;
  async read(change: PendingChange) {
    await tick();
    const object = this.objects.get(change.ref.id);
    return object ? { ...object } : null;
  }
  fieldsOf(object: FieldMap) {
    return object;
  }
  async apply(change: PendingChange, current: FieldMap | null) {
    await tick();
    const id = change.ref.id;
    const exists = this.objects.has(id);
    if (change.operation === 'create' ? exists : !exists) throw new Error(`${change.operation} of ${id}, which ${exists ? 'exists' : 'does not exist'}`);
    if (change.operation === 'delete') this.objects.delete(id);
    else this.objects.set(id, { ...(current ?? {}), ...change.mine });
    this.writes.set(keyOf(change), (this.writes.get(keyOf(change)) ?? 0) + 1);
  }
}

interface FakeWorld extends World {
  current: WriteJournal | null;
}

function fakeSystem(server: FakeServer): System<FakeWorld> {
  return {
    name: 'in-memory server',
    writes: server.writes,
    pause: async (turns) => {
      for (let turn = 0; turn < turns; turn++) await tick();
    },
    async boot(files) {
      const world: FakeWorld = {
        current: null,
        journal: () => world.current,
        halt: () => void world.current?.close(),
        stop: async () => {
          await world.current?.close();
        },
      };
      world.current = WriteJournal.open({ dir: `${DIR}/changes`, profile: 'p1', files, compactAfterRecords: 12, retryBaseMs: 10, onError: () => {} });
      world.current.registerApplier('fake', server);
      return world;
    },
  };
}

/** Creates, updates (values with non-ASCII text, so tears fall inside characters too) and deletes over a few objects. */
function fakeWorkload(seed: number, server: FakeServer): Array<Step<FakeWorld>> {
  const random = prng(seed);
  server.objects.clear();
  const values = new Map<string, string>();
  for (let index = 0; index < 4; index++) {
    server.objects.set(`o${index}`, { wert: 'anfang' });
    values.set(`o${index}`, 'anfang');
  }
  const steps: Array<Step<FakeWorld>> = [];
  for (let index = 0; index < FAKE_CHANGES; index++) {
    const existing = [...values.keys()];
    const roll = random();
    let input: EnqueueInput;
    const value = `wert-ü€-${seed}-${index}`;
    if (roll < 0.2 || existing.length < 2) {
      const id = `n${index}`;
      input = { ref: { system: 'fake', type: 'ding', id }, operation: 'create', label: `Ding «${id}»`, base: {}, mine: { wert: value }, user: 'prüfer' };
      values.set(id, value);
    } else {
      const id = existing[Math.floor(random() * existing.length)]!;
      if (roll < 0.3) {
        input = { ref: { system: 'fake', type: 'ding', id }, operation: 'delete', label: `Ding «${id}»`, base: { wert: values.get(id)! }, mine: {}, user: 'prüfer' };
        values.delete(id);
      } else {
        input = { ref: { system: 'fake', type: 'ding', id }, operation: 'update', label: `Ding «${id}»`, base: { wert: values.get(id)! }, mine: { wert: value }, user: 'prüfer' };
        values.set(id, value);
      }
    }
    steps.push({ key: keyOf(input), enqueue: (world) => void world.current!.enqueue(input) });
  }
  return steps;
}

// ---- the labs ------------------------------------------------------------------

let lab: Lab;
let http: HttpClient;
const trust = new TrustStore();

beforeAll(async () => {
  lab = await startLab({ agents: 40, cucUsers: 40 });
  http = new HttpClient({ trust });
}, 30_000);

afterAll(async () => {
  http?.close();
  await lab?.stop();
  const lines = [...coverage].map(([system, labels]) => `${system}: ${[...labels].map(([label, n]) => `${label} ${n}`).join(', ')}`);
  if (lines.length > 0) console.log(`power cuts by place:\n  ${lines.join('\n  ')}`);
});

interface SiteWorld<S> extends World {
  hub: JournalHub;
  service: S;
}

/**
 * A lab system: each boot is a site with the console's journal hub (journal
 * and audit log on the power-cut disk) and the system's service built by
 * `start`, as the console composes them.
 */
function labSystem<S extends { stop(): void }>(
  name: string,
  writes: Map<string, number>,
  profile: ActiveSite['profile'],
  secrets: ActiveSite['secrets'],
  start: (active: ActiveSite, hub: JournalHub, files: PowerCutFiles) => Promise<S>,
): System<SiteWorld<S>> {
  return {
    name,
    writes,
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    async boot(files) {
      const site = new SiteManager(SILENT);
      const hub = new JournalHub(site, SILENT, { retryBaseMs: 20, maxRetryMs: 100, compactAfterRecords: 12, files });
      const active: ActiveSite = { profile, secrets, http, trust, dir: DIR, cache: undefined as never, log: SILENT };
      let halted: Promise<void> | undefined;
      await site.activate(active);
      const service = await start(active, hub, files);
      return {
        hub,
        service,
        journal: () => hub.journal,
        halt: () => {
          halted ??= hub.journal?.close();
        },
        async stop() {
          await halted;
          service.stop();
          await site.shutdown();
        },
      };
    },
  };
}

type UccxWorld = SiteWorld<UccxService>;

function uccxSystem(): System<UccxWorld> {
  const writes = new Map<string, number>();
  lab.uccx.store.on('change', (change) => {
    const store = lab.uccx.store;
    let key: string | null = null;
    if (change.entity === 'resource' && change.kind === 'updated') key = `update resource ${change.id} alias=${String(store.get('resource', change.id)?.alias)}`;
    else if (change.entity === 'skill' && change.kind === 'created') key = `create skill ${store.displayName('skill', change.id)}`;
    else if (change.entity === 'skill' && change.kind === 'updated') key = `update skill ${change.id} name=${store.displayName('skill', change.id)}`;
    else if (change.entity === 'skill' && change.kind === 'deleted') key = `delete skill ${change.id}`;
    // A replacement removes the old file first: only what is stored counts as a write.
    else if (change.entity === 'prompt' && change.kind !== 'deleted') key = `prompt ${change.id} ${sha(store.promptAudio(change.id)!)}`;
    if (key) writes.set(key, (writes.get(key) ?? 0) + 1);
  });
  return labSystem(
    'UCCX lab',
    writes,
    { id: 'p1', name: 'Power cut', uccx: { nodes: [...lab.endpoints.uccx.nodes], username: lab.endpoints.uccx.username, passwordSet: true } },
    { uccxPassword: lab.endpoints.uccx.password },
    async (active, hub, files) => {
      const service = UccxService.forSite(active, hub, { files, pollIntervalMs: 60_000, probeTimeoutMs: 1000 })!;
      await service.start();
      return service;
    },
  );
}

function sha(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Alias updates of three agents, skill creates, renames and a delete, prompt uploads and replacements. */
function uccxWorkload(seed: number): Array<Step<UccxWorld>> {
  const random = prng(seed);
  const store = lab.uccx.store;
  const agents = [0, 1, 2].map((offset) => lab.seed.agents[(seed * 3 + offset) % lab.seed.agents.length]!.userID);
  const aliases = new Map(agents.map((userID) => [userID, String(store.get('resource', userID)!.alias ?? '')]));
  const skills = [0, 1].map((index) => store.create('skill', { skillName: `pcs${seed}x${index}` }));
  const skillNames = new Map(skills.map((id) => [id, store.displayName('skill', id)]));
  const existingPrompt = `pc${seed}-old.wav`;
  store.savePrompt(existingPrompt, createToneWav(40, 200 + (seed % 500)), 'create');
  const promptSizes = new Map([[existingPrompt, store.promptAudio(existingPrompt)!.length]]);
  const steps: Array<Step<UccxWorld>> = [];
  for (let index = 0; index < LAB_CHANGES; index++) {
    const roll = random();
    if (roll < 0.4) {
      const userID = agents[Math.floor(random() * agents.length)]!;
      const alias = `a${seed}x${index}`;
      const base = { alias: aliases.get(userID)! };
      aliases.set(userID, alias);
      steps.push({
        key: `update resource ${userID} alias=${alias}`,
        enqueue: (world) => void world.service.submit([{ type: 'resource', id: userID, operation: 'update', label: `Agent ${userID}`, base, mine: { alias } }]),
      });
    } else if (roll < 0.55) {
      const name = `pcn${seed}x${index}`;
      steps.push({
        key: `create skill ${name}`,
        enqueue: (world) => void world.service.submit([{ type: 'skill', id: name, operation: 'create', label: `Skill ${name}`, base: {}, mine: { name } }]),
      });
    } else if (roll < 0.7 && skillNames.size > 0) {
      const id = [...skillNames.keys()][Math.floor(random() * skillNames.size)]!;
      const base = { name: skillNames.get(id)! };
      if (random() < 0.3) {
        skillNames.delete(id);
        steps.push({
          key: `delete skill ${id}`,
          enqueue: (world) => void world.service.submit([{ type: 'skill', id, operation: 'delete', label: `Skill ${base.name}`, base, mine: {} }]),
        });
      } else {
        const name = `pcr${seed}x${index}`;
        skillNames.set(id, name);
        steps.push({
          key: `update skill ${id} name=${name}`,
          enqueue: (world) => void world.service.submit([{ type: 'skill', id, operation: 'update', label: `Skill ${base.name}`, base, mine: { name } }]),
        });
      }
    } else {
      // A new prompt, or a replacement of one uploaded before (here or earlier in this workload).
      const replace = random() < 0.5;
      const name = replace ? [...promptSizes.keys()][Math.floor(random() * promptSizes.size)]! : `pc${seed}-${index}.wav`;
      const wav = createToneWav(30 + (index % 5) * 10, 300 + ((seed * 37 + index * 11) % 3000));
      const replacedSize = promptSizes.get(name) ?? null;
      promptSizes.set(name, wav.length);
      steps.push({ key: `prompt /en_US/${name} ${sha(wav)}`, enqueue: (world) => void world.service.queuePromptUpload('/en_US/', name, wav, replacedSize) });
    }
  }
  return steps;
}

type CupiWorld = SiteWorld<CupiService>;

function cupiSystem(): System<CupiWorld> {
  const writes = new Map<string, number>();
  const store = lab.cupi.store;
  const counted = <A extends unknown[], R>(method: (...args: A) => R, key: (...args: A) => string) =>
    (...args: A): R => {
      const result = method.apply(store, args);
      const name = key(...args);
      writes.set(name, (writes.get(name) ?? 0) + 1);
      return result;
    };
  store.createContact = counted(store.createContact, (_template, input) => `create contact ${input.Alias}`);
  store.updateContact = counted(store.updateContact, (id, input) => `update contact ${id} DisplayName=${input.DisplayName}`);
  store.deleteContact = counted(store.deleteContact, (id) => `delete contact ${id}`);
  store.updateUser = counted(store.updateUser, (id, input) => `update user ${id} DisplayName=${input.DisplayName}`);
  return labSystem(
    'Unity Connection lab',
    writes,
    { id: 'p1', name: 'Power cut', cupi: { publisher: lab.endpoints.cupi.publisher, subscriber: lab.endpoints.cupi.subscriber, username: lab.endpoints.cupi.username, passwordSet: true } },
    { cupiPassword: lab.endpoints.cupi.password },
    async (active, hub) => {
      const service = CupiService.forSite(active, hub, { cache: null, probeDownMs: 20, client: { busyBackoffMs: 20, maxBackoffMs: 100, timeoutMs: 3000 } })!;
      service.start();
      return service;
    },
  );
}

/** Contact creates, display-name updates of users and contacts, contact deletes. */
function cupiWorkload(seed: number): Array<Step<CupiWorld>> {
  const random = prng(seed);
  const store = lab.cupi.store;
  // Contacts made for this workload (the lab's own store, behind the console's back), and two users.
  const contacts = [0, 1, 2].map((index) => store.createContact(null, { Alias: `pcc${seed}x${index}`, DisplayName: `Kontakt ${seed} ${index}` }).ObjectId!);
  const users = [0, 1].map((offset) => store.findUserByAlias(lab.seed.cucUsers[(seed * 2 + offset) % lab.seed.cucUsers.length]!.alias)!.ObjectId!);
  const names = new Map<string, { type: 'user' | 'contact'; name: string }>([
    ...contacts.map((id): [string, { type: 'contact'; name: string }] => [id, { type: 'contact', name: store.getContact(id).DisplayName! }]),
    ...users.map((id): [string, { type: 'user'; name: string }] => [id, { type: 'user', name: store.getUser(id).DisplayName! }]),
  ]);
  const enqueue = (spec: Omit<EnqueueInput, 'user'>) => (world: CupiWorld) => void world.hub.require().enqueue({ ...spec, user: 'cucadmin' });
  const steps: Array<Step<CupiWorld>> = [];
  for (let index = 0; index < LAB_CHANGES; index++) {
    const roll = random();
    if (roll < 0.25) {
      const alias = `pcn${seed}x${index}`;
      const mine = { Alias: alias, DisplayName: `Neu ${seed} ${index}` };
      steps.push({ key: `create contact ${alias}`, enqueue: enqueue({ ref: { system: 'cupi', type: 'contact', id: alias }, operation: 'create', label: `New contact ${alias}`, base: {}, mine }) });
      continue;
    }
    const ids = [...names.keys()];
    const id = ids[Math.floor(random() * ids.length)]!;
    const { type, name } = names.get(id)!;
    if (roll < 0.35 && type === 'contact') {
      names.delete(id);
      steps.push({ key: `delete contact ${id}`, enqueue: enqueue({ ref: { system: 'cupi', type, id }, operation: 'delete', label: `Contact ${name}`, base: { DisplayName: name }, mine: {} }) });
      continue;
    }
    const next = `Name ${seed} ${index} ü`;
    names.set(id, { type, name: next });
    steps.push({
      key: `update ${type} ${id} DisplayName=${next}`,
      enqueue: enqueue({ ref: { system: 'cupi', type, id }, operation: 'update', label: `${type} ${name}`, base: { DisplayName: name }, mine: { DisplayName: next } }),
    });
  }
  return steps;
}

// ---- the tests ----------------------------------------------------------------

let cutPoints = 0;

describe('write-behind journal under power cuts', () => {
  it('in-memory server: a cut at every file operation of eight workloads', async () => {
    const server = new FakeServer();
    const system = fakeSystem(server);
    for (const seed of FAKE_WORKLOADS) {
      // An uncut run counts the operations; then every one of them is a cut point.
      const total = await runScenario(system, fakeWorkload(seed, server), { name: `fake/${seed}/none`, cutAt: Infinity, recoveryCutAt: Infinity, random: prng(seed) });
      expect(total).toBeGreaterThan(100);
      for (let cutAt = 1; cutAt <= total; cutAt++) {
        const name = `fake/${seed}/${cutAt}`;
        if (!selected(name)) continue;
        const random = scenarioRandom(name);
        const recoveryCutAt = random() < 0.5 ? 1 + Math.floor(random() * 80) : Infinity;
        await runScenario(system, fakeWorkload(seed, server), { name, cutAt, recoveryCutAt, random });
        cutPoints++;
      }
    }
    const places = coverage.get(system.name);
    if (ONLY === null) for (const place of ['enqueue', 'drain', 'compaction', 'recovery']) expect(places?.get(place) ?? 0, place).toBeGreaterThanOrEqual(50);
  }, 120_000);

  for (const [label, makeSystem, workload] of [
    ['UCCX', uccxSystem, uccxWorkload],
    ['Unity Connection', cupiSystem, cupiWorkload],
  ] as const) {
    it(`${label} applier against the lab: ${LAB_SCENARIOS} seeded cuts`, async () => {
      const system = (makeSystem as () => System<World>)();
      const steps = workload as (seed: number) => Array<Step<World>>;
      const prefix = label === 'UCCX' ? 'uccx' : 'cupi';
      const total = await runScenario(system, steps(1), { name: `${prefix}/1/none`, cutAt: Infinity, recoveryCutAt: Infinity, random: prng(1) });
      for (let seed = 2; seed < LAB_SCENARIOS + 2; seed++) {
        const random = prng(seed * 7919);
        // The operation count of a lab run varies a little with timing: a reproduction takes the cut point from the name.
        const drawn = 1 + Math.floor(random() * total);
        const cutAt = ONLY?.startsWith(`${prefix}/${seed}/`) ? Number(ONLY.split('/')[2]) : drawn;
        const name = `${prefix}/${seed}/${cutAt}`;
        if (!selected(name)) continue;
        const recoveryCutAt = random() < 0.3 ? 1 + Math.floor(random() * 60) : Infinity;
        await runScenario(system, steps(seed), { name, cutAt, recoveryCutAt, random });
        cutPoints++;
      }
      if (ONLY === null) expect(coverage.get(system.name)?.get('enqueue') ?? 0).toBeGreaterThanOrEqual(20);
    }, 180_000);
  }

  it('covered at least 1,000 cut points', () => {
    if (ONLY === null) expect(cutPoints).toBeGreaterThanOrEqual(1000);
  });
});
