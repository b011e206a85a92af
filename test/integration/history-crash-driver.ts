/**
 * The process the history crash test kills: a history recorder with its real
 * 250 ms flush timer, fed board patches at 1,000 member events a second
 * (100 members in 5 teams, a patch every 10 ms), checkpoints every 300 ms so
 * kills also land inside checkpoints. Prints READY once the store is open and
 * live, then `SENT <epoch ms>` every 100 ms: every event up to that moment was
 * handed to the recorder.
 */
import { HistoryRecorder } from '../../electron/services/history/recorder';
import { createLogger } from '../../electron/services/log/logger';
import type { BoardMember } from '../../shared/domain/board';
import { LIVE, CONNECTING, patch, team } from '../support/history-script';

const root = process.argv[2]!;
const recorder = new HistoryRecorder({ root, log: createLogger('crash-driver'), checkpointEveryMs: 300 });
const status = recorder.open();
if (status.state !== 'recording') {
  process.stderr.write(`history crash driver failed: ${status.detail}\n`);
  process.exit(1);
}
const members: BoardMember[] = [];
for (let i = 0; i < 100; i++) members.push({ memberId: `a${i}`, memberName: `Agent ${i}`, memberType: 'Agent', status: 'ready', reason: '', since: Date.now(), sinceAtLeast: true });
const teams = [0, 1, 2, 3, 4].map((t) => team(`t${t}`, `Team ${t}`, members.slice(t * 20, t * 20 + 20).map((m) => m.memberId)));
recorder.recordPatch(patch({ reset: true, connection: CONNECTING, teams, members: members.map((m) => ({ ...m })) }));
recorder.recordPatch(patch({ connection: LIVE }));
recorder.resynced();
process.stdout.write('READY\n');

let index = 0;
let lastSent = 0;
setInterval(() => {
  const now = Date.now();
  const changed: BoardMember[] = [];
  for (let k = 0; k < 10; k++, index++) {
    const m = members[(index * 37) % members.length]!;
    m.status = m.status === 'ready' ? (index % 3 ? 'not_ready' : 'ACW') : 'ready';
    m.reason = m.status === 'not_ready' ? `Reason ${index % 4}` : '';
    m.since = now;
    changed.push({ ...m });
  }
  recorder.recordPatch(patch({ members: changed }));
  if (now - lastSent >= 100) {
    lastSent = now;
    process.stdout.write(`SENT ${now}\n`);
  }
}, 10);
