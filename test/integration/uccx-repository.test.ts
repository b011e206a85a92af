import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { UccxApiError, createToneWav } from '../../lab/uccx';
import { UccxRepository } from '../../electron/services/uccx/repository';
import { startUccxStack, waitFor, type UccxStack } from './uccx-support';

let lab: Lab;
let stack: UccxStack;
let repository: UccxRepository;

beforeAll(async () => {
  lab = await startLab({ agents: 20 });
  stack = await startUccxStack(lab);
  repository = new UccxRepository(stack.service.client);
});
afterAll(async () => {
  await stack.stop();
  await lab.stop();
});

/** Bytes a text-based multipart writer or reader would damage. */
const DOCUMENT = Buffer.concat([Buffer.from('<callers>\r\n--\r\n\r\n'), Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a]), Buffer.from('</callers>')]);

describe('UCCX repository client against the lab', () => {
  it('uploads a document in two steps to the master, lists it with its details and downloads it byte for byte', async () => {
    await repository.createFolder('document', '/en_US/', 'lists');
    const progress: Array<[number, number]> = [];
    const stepsBefore = lab.uccx.store.repository.steps.length;
    await repository.upload('document', '/en_US/lists/', 'vip.xml', DOCUMENT, (sent, total) => progress.push([sent, total]));

    const steps = lab.uccx.store.repository.steps.slice(stepsBefore);
    expect(steps.map((step) => `${step.step} ${step.fileName} ${step.folder ?? ''}`)).toEqual(['uploadFile vip.xml ', 'store vip.xml /en_US/lists/']);
    // Both steps went to the master (node a); the subscriber saw no write.
    expect(lab.uccx.nodes[0].writes.slice(-2).map((write) => `${write.method} ${write.path} ${write.status}`)).toEqual(['POST /adminapi/document/uploadFile 201', 'POST /adminapi/document 201']);
    expect(lab.uccx.nodes[1].writes).toHaveLength(0);
    expect(progress.at(0)?.[0]).toBe(0);
    expect(progress.at(-1)?.[0]).toBe(progress.at(-1)?.[1]);
    expect(progress.at(-1)![1]).toBeGreaterThan(DOCUMENT.length);

    const root = await repository.list('document');
    expect(root).toContainEqual(expect.objectContaining({ folder: '/', name: 'en_US', isFolder: true }));
    const lists = await repository.list('document', '/en_US/lists/');
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ folder: '/en_US/lists/', name: 'vip.xml', isFolder: false, size: DOCUMENT.length, modifiedBy: lab.endpoints.uccx.username });
    expect(Date.parse(lists[0]!.dateModified!)).toBeGreaterThan(Date.now() - 60_000);

    expect((await repository.download('document', '/en_US/lists/vip.xml'))?.equals(DOCUMENT)).toBe(true);
    expect(await repository.download('document', '/en_US/lists/missing.xml')).toBeNull();
  });

  it('replaces by remove then upload, treats removing a missing file as done, and reads from the subscriber when the master is down', async () => {
    const first = createToneWav(200, 500);
    const second = createToneWav(300, 700);
    await repository.upload('prompt', '/de_DE/', 'tip.wav', first);
    // Step 2 over an existing name is refused by the lab (unconfirmed on UCCX): the console never relies on it.
    await expect(repository.upload('prompt', '/de_DE/', 'tip.wav', second)).rejects.toMatchObject({ status: 409 });
    await repository.remove('prompt', '/de_DE/tip.wav');
    await repository.upload('prompt', '/de_DE/', 'tip.wav', second);
    expect(lab.uccx.store.promptAudio('/de_DE/tip.wav')?.equals(second)).toBe(true);
    await repository.remove('prompt', '/de_DE/tip.wav');
    await expect(repository.remove('prompt', '/de_DE/tip.wav')).resolves.toBeUndefined();
    expect(lab.uccx.store.promptAudio('/de_DE/tip.wav')).toBeUndefined();

    // A file UCCX cannot play is refused with the lab's reason.
    const pcm = Buffer.from(first);
    pcm.writeUInt16LE(1, 20);
    await expect(repository.upload('prompt', '/de_DE/', 'pcm.wav', pcm)).rejects.toThrow(/8 kHz, 8-bit, mono/);

    lab.uccx.nodes[0].stop();
    try {
      await stack.service.client.probe();
      const german = await repository.list('prompt', '/de_DE/');
      expect(german.map((entry) => entry.name)).toContain('welcome.wav');
      expect((await repository.download('prompt', '/de_DE/welcome.wav'))?.equals(lab.uccx.store.promptAudio('/de_DE/welcome.wav')!)).toBe(true);
      // Writes wait for a master rather than go to the subscriber.
      await expect(repository.upload('prompt', '/de_DE/', 'late.wav', first)).rejects.toMatchObject({ retryable: true });
    } finally {
      await lab.uccx.nodes[0].start();
      await stack.service.client.probe();
    }
  });

  it('the prompt applier uploads in two steps with progress, replaces by remove then upload, deletes, and refuses a file UCCX cannot play', async () => {
    const journal = stack.hub.require();
    const settled = (id: string) => async () => journal.counts('uccx').waiting === 0 && !journal.list().some((change) => change.id === id && change.state !== 'applied');
    const progress: Array<{ sent: number; total: number }> = [];
    stack.service.on('promptUploadProgress', (event) => progress.push(event));
    const original = createToneWav(3000, 600);
    const created = stack.service.queuePromptUpload('/de_DE/', 'queue.wav', original, null);
    await waitFor(settled(created.id), 5000, 'upload');
    expect(lab.uccx.store.promptAudio('/de_DE/queue.wav')?.equals(original)).toBe(true);
    expect(lab.uccx.store.repository.steps.slice(-2).map((step) => step.step)).toEqual(['uploadFile', 'store']);
    // 24 KB of audio leaves in 16 KB pieces: more than one report, ending at the whole body.
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)!.sent).toBe(progress.at(-1)!.total);

    const replacement = createToneWav(500, 900);
    const writesBefore = lab.uccx.nodes[0].writes.length;
    const replaced = stack.service.queuePromptUpload('/de_DE/', 'queue.wav', replacement, original.length);
    await waitFor(settled(replaced.id), 5000, 'replace');
    expect(lab.uccx.store.promptAudio('/de_DE/queue.wav')?.equals(replacement)).toBe(true);
    expect(lab.uccx.nodes[0].writes.slice(writesBefore).map((write) => `${write.method} ${write.path}`)).toEqual(['DELETE /adminapi/prompt/de_DE/queue.wav', 'POST /adminapi/prompt/uploadFile', 'POST /adminapi/prompt']);

    // A listing that gave no size still replaces: the change is a replacement, written without a size to judge by.
    const unsized = createToneWav(700, 400);
    const replacedUnsized = stack.service.queuePromptUpload('/de_DE/', 'queue.wav', unsized, null, undefined, true);
    expect(replacedUnsized).toMatchObject({ operation: 'update', summary: `Replace /de_DE/queue.wav (${unsized.length} bytes)`, base: {} });
    await waitFor(settled(replacedUnsized.id), 5000, 'replace without a size');
    expect(lab.uccx.store.promptAudio('/de_DE/queue.wav')?.equals(unsized)).toBe(true);
    const back = stack.service.queuePromptUpload('/de_DE/', 'queue.wav', replacement, unsized.length);
    await waitFor(settled(back.id), 5000, 'replace back');

    // A deletion judged against a size that is no longer true is a conflict, not a silent delete.
    const stale = stack.service.queuePromptDelete('/de_DE/', 'queue.wav', original.length);
    await waitFor(() => journal.list().find((change) => change.id === stale.id)?.state === 'conflicted', 5000, 'conflict');
    journal.discard(stale.id);
    const removed = stack.service.queuePromptDelete('/de_DE/', 'queue.wav', replacement.length);
    await waitFor(settled(removed.id), 5000, 'delete');
    expect(lab.uccx.store.promptAudio('/de_DE/queue.wav')).toBeUndefined();

    const pcm = Buffer.from(original);
    pcm.writeUInt16LE(1, 20);
    pcm.writeUInt16LE(16, 34);
    expect(() => stack.service.queuePromptUpload('/de_DE/', 'pcm.wav', pcm, null)).toThrow('This file is 8 kHz 16-bit mono PCM; UCCX needs 8 kHz, 8-bit µ-law or A-law, mono.');
    expect(() => stack.service.queuePromptUpload('/', 'top.wav', original, null)).toThrow(/language folder/);
    // A prompt change made any other way could name any path: it is refused.
    expect(() => stack.service.submit([{ type: 'prompt', id: '/en_US', operation: 'delete', label: 'Prompt', base: {}, mine: {} }])).toThrow(/Prompts tab/);
  });

  it('a replacement stopped between removing the old file and uploading the new one goes on at the next attempt', async () => {
    const journal = stack.hub.require();
    const original = createToneWav(200, 610);
    lab.uccx.store.repository.put('prompt', '/de_DE/cut.wav', original);
    const store = lab.uccx.store.repository;
    const stageUpload = store.stageUpload.bind(store);
    let refusals = 0;
    // The first step 1 after the removal fails as a busy server would: the old file is gone, the new one not there yet.
    store.stageUpload = (...args) => {
      if (refusals++ === 0) throw new UccxApiError(503, 'Service Unavailable', 'busy');
      return stageUpload(...args);
    };
    try {
      const replacement = createToneWav(400, 910);
      const change = stack.service.queuePromptUpload('/de_DE/', 'cut.wav', replacement, original.length);
      await waitFor(() => refusals > 0, 5000, 'the refused step 1');
      expect(lab.uccx.store.promptAudio('/de_DE/cut.wav')).toBeUndefined();
      await waitFor(() => journal.get(change.id)?.state === 'applied', 10_000, 'the retry');
      expect(journal.get(change.id)).toMatchObject({ attempts: 2, alreadyApplied: false });
      expect(lab.uccx.store.promptAudio('/de_DE/cut.wav')?.equals(replacement)).toBe(true);
    } finally {
      store.stageUpload = stageUpload;
    }
  });
});
