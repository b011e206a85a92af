import type { LabApplication, LabCsq, LabSeed } from '../seed';
import type { MemberState, TeamState } from './model';
import { formatDuration, type CallJourneyStep } from './protocol';

/**
 * Call journeys of finished calls: trigger (CTI route point) → script
 * application → CSQ → agent device. Ids look like UCCX session ids (numbers
 * just above 2^24, e.g. "16777302"), and grow with gaps because IVR-only and
 * abandoned calls use session ids too.
 */

/** Oldest journeys are forgotten beyond this, so a long 1000 events/s run stays bounded. */
export const MAX_RECORDED_JOURNEYS = 20_000;

const FIRST_SESSION_ID = 16_777_216;

/** One recorded call as the demo lists it: when it ended and who called. */
export interface RecordedCall {
  callId: string;
  /** Epoch ms when the agent finished the call. */
  endedAt: number;
  /** The caller's number (from the range set aside for fiction, 555-01xx). */
  caller: string;
}

/** A caller number derived from the call id, so recording a call draws nothing from the scenario's random sequence. */
function callerFor(callId: string): string {
  const n = Number(callId);
  return `+1 202 555 01${String((n * 37) % 100).padStart(2, '0')}`;
}

export class CallJourneyRecorder {
  private readonly journeys = new Map<string, CallJourneyStep[]>();
  private readonly calls = new Map<string, RecordedCall>();
  private nextSessionId: number;

  constructor(
    private readonly seed: LabSeed,
    private readonly random: () => number,
    private readonly now: () => number = Date.now,
  ) {
    this.nextSessionId = FIRST_SESSION_ID + 60 + Math.floor(random() * 40);
  }

  /** Record the call an agent finished at `endedAt` (they are going into ACW) and return its CallId. */
  record(agent: MemberState, team: TeamState | undefined, endedAt = this.now()): string {
    const callId = String(this.nextSessionId);
    this.nextSessionId += 1 + Math.floor(this.random() * 3);

    const application = this.applicationFor(team);
    const csq = this.csqFor(team);
    const triggerNumber = String(8000 + (application?.id ?? 0));
    const applicationName = application?.applicationName ?? 'Customer_Service';
    const scriptFile = application?.scriptName.replace(/^SCRIPT\[(.*)\]$/, '$1') ?? 'customer_service.aef';
    const csqName = csq?.name ?? 'Default_CSQ';

    const steps: CallJourneyStep[] = [
      {
        CallId: callId,
        Device: triggerNumber,
        DeviceType: 'CTI Route Point',
        Description: `Inbound call to trigger ${triggerNumber} (${applicationName})`,
        Duration: formatDuration(this.between(0, 1)),
      },
      {
        CallId: callId,
        Device: applicationName,
        DeviceType: 'Application',
        Description: `Script ${scriptFile}: greeting and menu`,
        Duration: formatDuration(this.between(8, 45)),
      },
      {
        CallId: callId,
        Device: csqName,
        DeviceType: 'CSQ',
        Description: `Queued in ${csqName}`,
        Duration: formatDuration(this.queueSeconds()),
      },
      {
        CallId: callId,
        Device: agent.extension,
        DeviceType: 'Agent Device',
        Description: `Answered by ${agent.memberName} (${agent.memberId})`,
        Duration: formatDuration(this.between(45, 900)),
      },
    ];

    this.journeys.set(callId, steps);
    this.calls.set(callId, { callId, endedAt, caller: callerFor(callId) });
    if (this.journeys.size > MAX_RECORDED_JOURNEYS) {
      const oldest = this.journeys.keys().next().value!;
      this.journeys.delete(oldest);
      this.calls.delete(oldest);
    }
    return callId;
  }

  get(callId: string): CallJourneyStep[] | undefined {
    return this.journeys.get(callId);
  }

  /** Newest first. */
  callIds(): string[] {
    return [...this.journeys.keys()].reverse();
  }

  /** The `limit` calls that ended last, newest first. */
  recentCalls(limit: number): RecordedCall[] {
    return [...this.calls.values()].sort((a, b) => b.endedAt - a.endedAt || Number(b.callId) - Number(a.callId)).slice(0, Math.max(0, limit));
  }

  private applicationFor(team: TeamState | undefined): LabApplication | undefined {
    const apps = this.seed.applications.filter((a) => a.enabled && a.applicationName !== 'After_Hours');
    if (apps.length === 0) return this.seed.applications[0];
    const sales = apps.find((a) => /sales/i.test(a.applicationName));
    if (sales && team && /sales/i.test(team.teamName)) return sales;
    return apps[0];
  }

  private csqFor(team: TeamState | undefined): LabCsq | undefined {
    const ids = team?.csqIds ?? [];
    if (ids.length > 0) {
      const id = ids[Math.floor(this.random() * ids.length)]!;
      const csq = this.seed.csqs.find((c) => c.id === id);
      if (csq) return csq;
    }
    if (this.seed.csqs.length === 0) return undefined;
    return this.seed.csqs[Math.floor(this.random() * this.seed.csqs.length)];
  }

  /** Most calls are answered quickly; a few wait minutes. */
  private queueSeconds(): number {
    return this.random() < 0.8 ? this.between(0, 40) : this.between(41, 420);
  }

  private between(lo: number, hi: number): number {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }
}
