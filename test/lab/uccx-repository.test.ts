import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeed } from '../../lab/seed';
import { createToneWav, createUccxLab, type UccxLab } from '../../lab/uccx';

// The repository of documents and prompts (apis-2.md §4) over plain fetch:
// multipart bodies are built here by hand, not by lab or console code.

const CREDENTIALS = { username: 'ccxadmin', password: 'lab-secret' };
const AUTH = `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
const seed = createSeed();

let lab: UccxLab;

beforeAll(async () => {
  lab = createUccxLab(seed, { credentials: CREDENTIALS });
  await lab.start();
});

afterAll(async () => {
  await lab.stop();
});

function call(path: string, init: RequestInit & { node?: 0 | 1 } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', AUTH);
  return fetch(`${lab.nodes[init.node ?? 0].url}${path}`, { ...init, headers });
}

/** A multipart/form-data body, framed by hand. */
function multipart(parts: Array<{ headers: string[]; body: Buffer }>, boundary = 'XyZ--boundary', closing = true): Buffer {
  const chunks: Buffer[] = [Buffer.from('preamble to ignore\r\n')];
  for (const part of parts) chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`), part.body, Buffer.from('\r\n'));
  if (closing) chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

function filePart(fileName: string, body: Buffer, name = 'file') {
  return { headers: [`Content-Disposition: form-data; name="${name}"; filename="${fileName}"`, 'Content-Type: application/octet-stream'], body };
}

function uploadFile(kind: 'document' | 'prompt', body: Buffer, contentType = 'multipart/form-data; boundary="XyZ--boundary"', node: 0 | 1 = 0): Promise<Response> {
  return call(`/adminapi/${kind}/uploadFile`, { node, method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) });
}

function postXml(path: string, xml: string, node: 0 | 1 = 0): Promise<Response> {
  return call(path, { node, method: 'POST', headers: { 'content-type': 'application/xml' }, body: xml });
}

function storeXml(element: string, folder: string, fileName: string): string {
  return `<Files><${element}><File><path>${folder}</path><FileName>${fileName}</FileName></File></${element}></Files>`;
}

async function errorOf(response: Response): Promise<string> {
  const text = await response.text();
  expect(text).toMatch(/<apiErrors><apiError>/);
  const escaped = /<errorMessage>([^<]*)</.exec(text)?.[1] ?? '';
  return escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Bytes that contain CRLF, dashes and the boundary's prefix: a parser that splits on text would cut them. */
const TRICKY_BYTES = Buffer.concat([Buffer.from('<list>\r\n--XyZ-\r\n\r\n'), Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, 0x2d, 0x2d]), Buffer.from('</list>\r\n')]);

describe('UCCX lab: repository upload in two steps', () => {
  it('parses a multipart upload byte for byte, keeps it in the temporary area until step 2, then lists and serves it', async () => {
    const body = multipart([{ headers: ['Content-Disposition: form-data; name="comment"'], body: Buffer.from('not the file') }, filePart('vip.xml', TRICKY_BYTES)]);
    expect((await uploadFile('document', body)).status).toBe(201);
    // Step 1 alone puts nothing in the repository.
    expect((await call('/adminapi/document/en_US/vip.xml')).status).toBe(404);
    expect(lab.store.repository.steps.at(-1)).toMatchObject({ kind: 'document', step: 'uploadFile', user: 'ccxadmin', fileName: 'vip.xml', bytes: TRICKY_BYTES.length });

    expect((await postXml('/adminapi/document', '<Folder><path>/en_US</path><FolderName>lists</FolderName></Folder>')).status).toBe(201);
    expect((await postXml('/adminapi/document', storeXml('Document', '/en_US/lists/', 'vip.xml'))).status).toBe(201);
    expect(lab.store.repository.steps.at(-1)).toMatchObject({ step: 'store', folder: '/en_US/lists/', fileName: 'vip.xml' });
    // The temporary copy was moved, not copied: a second step 2 finds nothing.
    expect((await postXml('/adminapi/document', storeXml('Document', '/en_US/lists/', 'vip.xml'))).status).toBe(404);

    for (const node of [0, 1] as const) {
      const download = await call('/adminapi/document/download/en_US/lists/vip.xml', { node });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(TRICKY_BYTES)).toBe(true);
      const listing = await (await call('/adminapi/document/en_US/lists', { node })).text();
      expect(listing).toMatch(/<Files><Document><File><path>\/en_US\/lists\/<\/path><FileName>vip\.xml<\/FileName><Details><size>(\d+)<\/size><dateModified>[^<]+<\/dateModified><modifiedBy>ccxadmin<\/modifiedBy><\/Details><\/File><\/Document><\/Files>/);
      expect(Number(/<size>(\d+)</.exec(listing)![1])).toBe(TRICKY_BYTES.length);
      expect((await call('/adminapi/document/en_US/lists/vip.xml', { node })).status).toBe(200);
    }
    const root = await (await call('/adminapi/document')).text();
    expect(root).toContain('<Folder><path>/</path><FolderName>en_US</FolderName>');
  });

  it('refuses what is not a multipart upload of one named file, with an adminapi error body', async () => {
    const good = multipart([filePart('a.xml', Buffer.from('<a/>'))]);
    const cases: Array<[string, Promise<Response>, RegExp]> = [
      ['not multipart', uploadFile('document', Buffer.from('<a/>'), 'application/xml'), /multipart\/form-data/],
      ['no boundary', uploadFile('document', good, 'multipart/form-data'), /without a boundary/],
      ['no part named file', uploadFile('document', multipart([filePart('a.xml', Buffer.from('x'), 'upload')])), /no part named "file"/],
      ['no filename', uploadFile('document', multipart([{ headers: ['Content-Disposition: form-data; name="file"'], body: Buffer.from('x') }])), /no filename/],
      ['truncated', uploadFile('document', good.subarray(0, good.length - 20)), /malformed multipart body/],
      ['no closing boundary', uploadFile('document', multipart([filePart('a.xml', Buffer.from('x'))], 'XyZ--boundary', false)), /malformed multipart body/],
      ['other boundary', uploadFile('document', good, 'multipart/form-data; boundary=other'), /malformed multipart body/],
      ['too large', uploadFile('document', multipart([filePart('big.xml', Buffer.alloc(9 * 1024 * 1024, 0x41))])), /larger than/],
      ['path in the name', uploadFile('document', multipart([filePart('..', Buffer.from('x'))])), /not a valid file name/],
    ];
    for (const [what, pending, message] of cases) {
      const response = await pending;
      expect(response.status, what).toBe(400);
      expect(await errorOf(response), what).toMatch(message);
    }
    expect((await call('/adminapi/document/uploadFile')).status).toBe(405);
    expect((await call('/adminapi/document/uploadFile', { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await call('/adminapi/prompt', { method: 'PUT', body: 'x' })).status).toBe(405);
  });

  it('step 2 refuses a wrong inner element, a missing upload, a missing folder and an existing name', async () => {
    expect((await uploadFile('document', multipart([filePart('step2.xml', Buffer.from('<a/>'))]))).status).toBe(201);
    const wrongElement = await postXml('/adminapi/document', storeXml('Prompt', '/en_US/', 'step2.xml'));
    expect(wrongElement.status).toBe(400);
    expect(await errorOf(wrongElement)).toMatch(/<Files><Document><File>/);
    expect((await postXml('/adminapi/document', storeXml('Document', '/en_US/', 'never-uploaded.xml'))).status).toBe(404);
    expect((await postXml('/adminapi/document', storeXml('Document', '/xx_XX/', 'step2.xml'))).status).toBe(404);
    expect((await postXml('/adminapi/document', '<Files><Document><File><path>/en_US/</path></File></Document></Files>')).status).toBe(400);
    expect((await postXml('/adminapi/document', '<Files><Document>')).status).toBe(400);
    expect((await postXml('/adminapi/document', storeXml('Document', '/en_US/', 'step2.xml'))).status).toBe(201);

    // Replacing: the lab refuses to store over an existing name; delete first.
    expect((await uploadFile('document', multipart([filePart('step2.xml', Buffer.from('<b/>'))]))).status).toBe(201);
    const again = await postXml('/adminapi/document', storeXml('Document', '/en_US/', 'step2.xml'));
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatch(/delete it before/);
    expect((await call('/adminapi/document/en_US/step2.xml', { method: 'DELETE' })).status).toBe(200);
    expect((await postXml('/adminapi/document', storeXml('Document', '/en_US/', 'step2.xml'))).status).toBe(201);
    expect(lab.store.repository.read('document', '/en_US/step2.xml')?.toString()).toBe('<b/>');
  });

  it('creates languages and folders, deletes files and empty folders, and writes only on the database master', async () => {
    expect((await postXml('/adminapi/document', '<LanguageDetails><path>/</path><LanguageName>fr_FR</LanguageName></LanguageDetails>')).status).toBe(201);
    expect((await postXml('/adminapi/document', '<LanguageDetails><path>/</path><LanguageName>fr_FR</LanguageName></LanguageDetails>')).status).toBe(409);
    expect((await postXml('/adminapi/document', '<LanguageDetails><path>/</path><LanguageName>../x</LanguageName></LanguageDetails>')).status).toBe(400);
    expect((await postXml('/adminapi/document', '<Folder><path>/fr_FR</path><FolderName>holidays</FolderName></Folder>')).status).toBe(201);
    const root = await (await call('/adminapi/document', { node: 1 })).text();
    expect(root).toContain('<FolderName>fr_FR</FolderName>');
    expect(await (await call('/adminapi/document/fr_FR')).text()).toContain('<Folder><path>/fr_FR/</path><FolderName>holidays</FolderName>');

    // The subscriber is read-only.
    const fromB = await uploadFile('document', multipart([filePart('b.xml', Buffer.from('<b/>'))]), undefined, 1);
    expect(fromB.status).toBe(503);
    expect((await call('/adminapi/document/fr_FR/holidays', { node: 1, method: 'DELETE' })).status).toBe(503);

    expect((await uploadFile('document', multipart([filePart('h.xml', Buffer.from('<h/>'))]))).status).toBe(201);
    expect((await postXml('/adminapi/document', storeXml('Document', '/fr_FR/holidays/', 'h.xml'))).status).toBe(201);
    expect((await call('/adminapi/document/fr_FR/holidays', { method: 'DELETE' })).status).toBe(409);
    expect((await call('/adminapi/document/fr_FR/holidays/h.xml', { method: 'DELETE' })).status).toBe(200);
    expect((await call('/adminapi/document/fr_FR/holidays/h.xml', { method: 'DELETE' })).status).toBe(404);
    expect((await call('/adminapi/document/fr_FR/holidays/h.xml')).status).toBe(404);
    expect((await call('/adminapi/document/download/fr_FR/holidays/h.xml')).status).toBe(404);
    expect((await call('/adminapi/document/fr_FR/holidays', { method: 'DELETE' })).status).toBe(200);
    expect((await call('/adminapi/document/fr_FR/holidays')).status).toBe(404);
  });
});

describe('UCCX lab: prompts in the repository', () => {
  it('keeps the seed prompts in language folders and serves them as 8 kHz mu-law WAVE files', async () => {
    const root = await (await call('/adminapi/prompt')).text();
    expect([...root.matchAll(/<FolderName>([^<]+)</g)].map((m) => m[1])).toEqual(['de_DE', 'en_US']);
    const english = await (await call('/adminapi/prompt/en_US')).text();
    expect([...english.matchAll(/<FileName>([^<]+)</g)].map((m) => m[1]).sort()).toEqual(seed.prompts.map((p) => p.name).sort());
    const download = await call('/adminapi/prompt/download/en_US/welcome.wav', { node: 1 });
    expect(download.headers.get('content-type')).toBe('audio/wav');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    expect(bytes.readUInt16LE(20)).toBe(7); // WAVE_FORMAT_MULAW
    expect(bytes.readUInt32LE(24)).toBe(8000);
    const german = Buffer.from(await (await call('/adminapi/prompt/download/de_DE/welcome.wav')).arrayBuffer());
    expect(german.equals(bytes)).toBe(false);
  });

  it('accepts a G.711 prompt in two steps and refuses a file UCCX cannot play at step 1', async () => {
    const tone = createToneWav(300, 500);
    expect((await uploadFile('prompt', multipart([filePart('tip.wav', tone)]))).status).toBe(201);
    expect((await postXml('/adminapi/prompt/', storeXml('Prompt', '/en_US/', 'tip.wav'))).status).toBe(201);
    expect(lab.store.promptAudio('/en_US/tip.wav')?.equals(tone)).toBe(true);

    const pcm = Buffer.from(tone);
    pcm.writeUInt16LE(1, 20); // PCM instead of mu-law
    const refused = await uploadFile('prompt', multipart([filePart('pcm.wav', pcm)]));
    expect(refused.status).toBe(400);
    expect(await errorOf(refused)).toMatch(/prompts must be 8 kHz, 8-bit, mono mu-law or A-law/);
    const notAudio = await uploadFile('prompt', multipart([filePart('mp3.wav', Buffer.from('ID3 this is an mp3'))]));
    expect(await errorOf(notAudio)).toMatch(/not a RIFF\/WAVE/);
    expect((await uploadFile('prompt', multipart([filePart('tone.mp3', tone)]))).status).toBe(400);
  });

  it('a plain adminapi upload changes a file behind a client’s back and is seen as a prompt change', async () => {
    const changes: string[] = [];
    const listener = (change: { entity: string; id: string; kind: string }) => changes.push(`${change.kind} ${change.entity} ${change.id}`);
    lab.store.on('change', listener);
    try {
      expect((await call('/adminapi/prompt/en_US/closed.wav', { method: 'DELETE' })).status).toBe(200);
      expect((await uploadFile('prompt', multipart([filePart('closed.wav', createToneWav(100, 900))]))).status).toBe(201);
      expect((await postXml('/adminapi/prompt', storeXml('Prompt', '/en_US/', 'closed.wav'))).status).toBe(201);
    } finally {
      lab.store.off('change', listener);
    }
    expect(changes).toEqual(['deleted prompt /en_US/closed.wav', 'created prompt /en_US/closed.wav']);
  });
});
