import { describe, expect, it } from 'vitest';
import { UccxRepository, repositoryFolder } from '../../electron/services/uccx/repository';
import type { UccxClient } from '../../electron/services/uccx/client';
import { uccxInvoke } from '../../shared/ipc/areas/uccx';
import { parseXml } from '../../electron/services/uccx/xml-tree';

/** A client that records the paths it is asked for and answers nothing useful. */
function recordingClient(): { client: UccxClient; paths: string[] } {
  const paths: string[] = [];
  const client = {
    getXml: async (path: string) => {
      paths.push(`GET ${path}`);
      return null;
    },
    read: async (path: string) => {
      paths.push(`GET ${path}`);
      return { response: { status: 404, body: Buffer.alloc(0) }, node: { name: 'a' } };
    },
    write: async (method: string, path: string) => {
      paths.push(`${method} ${path}`);
      return { status: 200 };
    },
  } as unknown as UccxClient;
  return { client, paths };
}

describe('UCCX repository paths', () => {
  it('refuses . and .. segments, which an HTTP client would resolve out of the repository, and sends nothing', async () => {
    const { client, paths } = recordingClient();
    const repository = new UccxRepository(client);
    // '/adminapi/prompt/en_US/../../csq/1' would reach /adminapi/csq/1 once the URL is resolved.
    await expect(repository.remove('prompt', '/en_US/../../csq/1')).rejects.toThrow(/\.\./);
    await expect(repository.download('prompt', '/en_US/./../x.wav')).rejects.toThrow(/not a repository path/);
    await expect(repository.list('document', '/..')).rejects.toThrow(/not a repository path/);
    await expect(repository.upload('document', '/en_US/../', 'vip.xml', Buffer.from('x'))).rejects.toThrow(/not a repository path/);
    await expect(repository.createFolder('document', '/', '..')).rejects.toThrow(/not a repository path/);
    expect(paths).toEqual([]);
    expect(() => repositoryFolder('/en_US/../lists/')).toThrow(/not a repository path/);
  });

  it('still encodes ordinary names, dots inside a name included', async () => {
    const { client, paths } = recordingClient();
    const repository = new UccxRepository(client);
    await repository.remove('prompt', '/en_US/a b..c.wav');
    expect(paths).toEqual(['DELETE /adminapi/prompt/en_US/a%20b..c.wav']);
    expect(repositoryFolder('en_US//lists')).toBe('/en_US/lists/');
  });

  it('the prompt requests refuse a folder with . or .. segments before main sees it', () => {
    for (const folder of ['/../', '/en_US/../', '/./', '/en_US/./x/']) {
      expect(uccxInvoke['uccx:prompt-list'].request.safeParse({ folder }).success, folder).toBe(false);
      expect(uccxInvoke['uccx:prompt-delete'].request.safeParse({ folder, name: 'x.wav', size: null }).success, folder).toBe(false);
    }
    expect(uccxInvoke['uccx:prompt-list'].request.safeParse({ folder: '/en_US/holidays.2026/' }).success).toBe(true);
  });

  it('a listing naming a path or name with . or .. leaves that entry out and keeps the rest', async () => {
    const xml = `<Files><Prompt>
      <Folder><path>/en_US/</path><FolderName>..</FolderName></Folder>
      <File><path>/en_US/../csq/</path><FileName>x.wav</FileName></File>
      <File><path>/en_US/</path><FileName>a/b.wav</FileName></File>
      <File><path>/en_US/</path><FileName>welcome.wav</FileName><Details><size>12</size></Details></File>
    </Prompt></Files>`;
    const client = { getXml: async () => ({ root: parseXml(xml), node: { name: 'a' } }) } as unknown as UccxClient;
    const entries = await new UccxRepository(client).list('prompt', '/en_US/');
    expect(entries.map((entry) => `${entry.folder}${entry.name}`)).toEqual(['/en_US/welcome.wav']);
  });
});
