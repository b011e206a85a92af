import type { RawIpcClient } from './ipc-client';

/** The lab's UCCX nodes and the administrator account that reads their document repository. */
export interface LabUccxAccount {
  nodes: [string, string];
  username: string;
  password: string;
}

/** What a test needs of the demo lab a host started with `--demo` runs: its control address and its UCCX account. */
export interface DemoLab {
  control: string;
  uccx: LabUccxAccount;
}

/** Ask the host where its demo lab's control endpoint is, and the lab there for its UCCX nodes and account. */
export async function demoLab(ipc: RawIpcClient): Promise<DemoLab> {
  const endpoints = await ipc.value<{ control: string }>('lab:endpoints');
  const info = (await (await fetch(endpoints.control)).json()) as { uccx: LabUccxAccount };
  return { control: endpoints.control, uccx: info.uccx };
}

/** Basic authorization for the lab's UCCX account. */
export function labAuthorization(uccx: LabUccxAccount): string {
  return `Basic ${Buffer.from(`${uccx.username}:${uccx.password}`).toString('base64')}`;
}

/**
 * A document as UCCX holds it, by a plain adminapi download from whichever
 * node answers (not through the console), or null when there is none.
 */
export async function labDocument(uccx: LabUccxAccount, documentPath: string): Promise<Buffer | null> {
  for (const node of uccx.nodes) {
    try {
      const response = await fetch(`${node}/adminapi/document/download${documentPath}`, { headers: { authorization: labAuthorization(uccx) }, signal: AbortSignal.timeout(2000) });
      if (response.status === 404) return null;
      if (response.ok) return Buffer.from(await response.arrayBuffer());
    } catch {
      // try the other node
    }
  }
  throw new Error('no UCCX lab node answered');
}
