import WebSocket from 'ws';

/**
 * A plain client of the lab's report server for lab tests: raw frames and
 * JSON.parse, nothing shared with the console. Subscribes as one supervisor
 * and keeps every frame; resolves once `ready` holds for the frames so far
 * (by default: the first teamadded arrived).
 */
export type ReportFrame = Record<string, any>;

export async function subscribeToReports(
  url: string,
  agentId: string,
  ready: (frames: ReportFrame[]) => boolean = (frames) => frames.some((f) => f.name === 'report.teamstatus.teamadded'),
): Promise<{ socket: WebSocket; frames: ReportFrame[] }> {
  const socket = new WebSocket(url);
  const frames: ReportFrame[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as ReportFrame));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ command: 'report.teamstatus.begin', data: { agentId } }));
  await waitFor(() => ready(frames));
  return { socket, frames };
}

export async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
