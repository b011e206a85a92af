import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../lab';
import { createToneWav } from '../../lab/uccx';
import { UccxRepository } from '../../electron/services/uccx/repository';
import { startUccxStack, type UccxStack } from './uccx-support';

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
});
