import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createReportLab, type ReportLab } from '../../lab/report';
import { createSeed, teamsSupervisedBy } from '../../lab/seed';

// Board load: 5,000 agents at 1,000 status changes per second, read by a plain ws client.

const seed = createSeed({ agents: 5000 });
const demo = seed.demoSupervisor;
const teamCount = teamsSupervisedBy(seed, demo).length;

let lab: ReportLab;
let socket: WebSocket;
const received: any[] = [];

beforeAll(async () => {
  lab = createReportLab(seed, { rate: 1000, autoStart: false });
  await lab.start();
  socket = new WebSocket(lab.url);
  socket.on('message', (data: Buffer) => received.push(JSON.parse(data.toString('utf8'))));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ command: 'report.teamstatus.begin', data: { agentId: demo } }));
  for (let i = 0; i < 200 && received.length < 1 + teamCount; i++) await new Promise((r) => setTimeout(r, 10));
});

afterAll(async () => {
  socket?.terminate();
  await lab?.stop();
});

async function barrier(): Promise<void> {
  const marker = `barrier-${Date.now()}`;
  socket.send(JSON.stringify({ command: 'report.calljourney', data: { CallId: marker } }));
  for (let i = 0; i < 500; i++) {
    if (received.some((m) => m.original?.data?.CallId === marker)) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('barrier not reached');
}

function memberUpdates(messages: any[]): number {
  return messages
    .filter((m) => m.name === 'report.teamstatus.memberstatuschanged')
    .reduce((sum, m) => sum + m.data.team.members.length, 0);
}

describe('report server under board load', () => {
  it('subscribes the demo supervisor to every team of a 5,000-agent centre', () => {
    expect(received[0]).toEqual({ command: 'report.teamstatus.begin', result: 'success', data: {} });
    const added = received.slice(1).filter((m) => m.name === 'report.teamstatus.teamadded');
    expect(added).toHaveLength(teamCount);
    const memberIds = new Set(added.flatMap((m) => m.data.team.members.map((x: any) => x.memberId)));
    expect(memberIds.size).toBe(5000);
  });

  it('sustains about 1,000 member updates per second at low CPU cost', async () => {
    const startIndex = received.length;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    lab.resume();
    await new Promise((r) => setTimeout(r, 1500));
    lab.pause();
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    await barrier();

    const perSecond = memberUpdates(received.slice(startIndex)) / (elapsedMs / 1000);
    expect(perSecond).toBeGreaterThan(700);
    expect(perSecond).toBeLessThan(1300);
    // Server and client together, in this process: well under one core.
    const cpuShare = (cpu.user + cpu.system) / 1000 / elapsedMs;
    expect(cpuShare).toBeLessThan(0.6);
  });

  it('applies and sends a batch of 1,000 changes in well under a second', () => {
    const started = performance.now();
    lab.step(1000);
    expect(performance.now() - started).toBeLessThan(250);
  });
});
