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

/**
 * Put a document on UCCX directly, as an administrator would behind the
 * console's back: its folder made if UCCX has none yet (one level, e.g.
 * `lists` in `/en_US/`), what is there deleted, then the documented two-step
 * upload (the file, then its place in the repository).
 */
export async function uploadLabDocument(uccx: LabUccxAccount, folder: string, fileName: string, bytes: Buffer): Promise<void> {
  const node = uccx.nodes[0];
  const authorization = labAuthorization(uccx);
  const [, parent, name] = /^(.*)\/([^/]+)\/$/.exec(folder) ?? [];
  if (parent && name && (await fetch(`${node}/adminapi/document${folder}`, { headers: { authorization } })).status === 404) {
    const created = await fetch(`${node}/adminapi/document`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/xml' },
      body: `<Folder><path>${parent}</path><FolderName>${name}</FolderName></Folder>`,
    });
    if (created.status !== 201) throw new Error(`creating ${folder} answered ${created.status}`);
  }
  await fetch(`${node}/adminapi/document${folder}${fileName}`, { method: 'DELETE', headers: { authorization } });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), fileName);
  const uploaded = await fetch(`${node}/adminapi/document/uploadFile`, { method: 'POST', headers: { authorization }, body: form });
  if (uploaded.status !== 201) throw new Error(`uploadFile answered ${uploaded.status}`);
  const files = `<Files><Document><File><path>${folder}</path><FileName>${fileName}</FileName></File></Document></Files>`;
  const stored = await fetch(`${node}/adminapi/document`, { method: 'POST', headers: { authorization, 'content-type': 'application/xml' }, body: files });
  if (stored.status !== 201) throw new Error(`storing ${folder}${fileName} answered ${stored.status}`);
}
