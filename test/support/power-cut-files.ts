import path from 'node:path';
import type { FileLayer } from '../../electron/services/storage/file-layer';
import { createRandom } from '../../lab/seed';

/**
 * A FileLayer held in memory that loses, at a simulated power cut, exactly
 * what a Linux machine may lose:
 *
 * - file data written since the file's last fsync: all of it, none of it, or
 *   a prefix (a torn write, possibly inside a record or a UTF-8 character);
 *   a truncation not fsync'd yet is undone;
 * - a create, rename, unlink or mkdir until the folder holding the name is
 *   fsync'd (so a new file whose data was fsync'd can still vanish, and a
 *   renamed file can come back under its old name).
 *
 * Every call is one numbered operation. With `cutAt = n`, operation n does
 * not happen and throws PowerCutError, as does every later one (close is a
 * no-op, there is nothing left to close); `survivor()` then answers a new
 * file layer holding only what was durable, for the next boot.
 */
export class PowerCutError extends Error {
  constructor(readonly operation: number) {
    super(`power cut at file operation ${operation}`);
    this.name = 'PowerCutError';
  }
}

interface FileNode {
  kind: 'file';
  data: Buffer;
  /** The content as of the last fsync. */
  synced: Buffer;
}

interface DirNode {
  kind: 'dir';
  entries: Map<string, Node>;
  /** The entries as of the last fsync of this folder. */
  synced: Map<string, Node>;
}

type Node = FileNode | DirNode;

export interface Operation {
  index: number;
  op: string;
  path: string;
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** The seeded PRNG the power-cut tests draw workloads, cut points and tears from: the same seed, the same run. */
export const prng = createRandom;

export class PowerCutFiles implements FileLayer {
  private readonly root: DirNode;
  private readonly fds = new Map<number, { node: FileNode; path: string }>();
  private nextFd = 3;
  /** Operations performed (or attempted: the cut one counts). */
  operations = 0;
  /** Cut power instead of performing this operation (1-based); Infinity = never. */
  cutAt = Infinity;
  /** The operation the power was cut at, once it was. */
  cut: Operation | null = null;
  /** The last three operations, the cut one included (to tell where a cut landed). */
  readonly recent: Operation[] = [];
  /** Called once, synchronously, when the power is cut (before the cut operation throws). */
  onCut: ((operation: Operation) => void) | null = null;

  constructor(root?: DirNode) {
    this.root = root ?? { kind: 'dir', entries: new Map(), synced: new Map() };
  }

  get dead(): boolean {
    return this.cut !== null;
  }

  /**
   * What a reboot finds: only durable names and data; for each file, the data
   * fsync'd plus, when only appends followed, a random prefix of them.
   */
  survivor(random: () => number): PowerCutFiles {
    const copies = new Map<Node, Node>();
    const survive = (node: Node): Node => {
      const known = copies.get(node);
      if (known) return known;
      if (node.kind === 'file') {
        const appendedOnly = node.data.length >= node.synced.length && node.data.subarray(0, node.synced.length).equals(node.synced);
        let data = node.synced;
        if (appendedOnly && node.data.length > node.synced.length) {
          const unsynced = node.data.length - node.synced.length;
          const roll = random();
          // A third lose all unsynced data, a third keep it all, a third are torn somewhere inside.
          const kept = roll < 1 / 3 ? 0 : roll < 2 / 3 ? unsynced : Math.floor(random() * (unsynced + 1));
          data = node.data.subarray(0, node.synced.length + kept);
        }
        const copy: FileNode = { kind: 'file', data: Buffer.from(data), synced: Buffer.from(data) };
        copies.set(node, copy);
        return copy;
      }
      const copy: DirNode = { kind: 'dir', entries: new Map(), synced: new Map() };
      copies.set(node, copy);
      for (const [name, child] of node.synced) {
        const survived = survive(child);
        copy.entries.set(name, survived);
        copy.synced.set(name, survived);
      }
      return copy;
    };
    return new PowerCutFiles(survive(this.root) as DirNode);
  }

  /** The content of a file as the running system sees it (tests), or undefined. */
  peek(file: string): Buffer | undefined {
    const node = this.lookup(file);
    return node?.kind === 'file' ? node.data : undefined;
  }

  /** Every file path (tests). */
  list(dir = '/', node: DirNode = this.root): string[] {
    return [...node.entries].flatMap(([name, child]) => (child.kind === 'dir' ? this.list(path.posix.join(dir, name), child) : [path.posix.join(dir, name)]));
  }

  // ---- FileLayer ---------------------------------------------------------

  readFile(file: string): Buffer {
    this.step('readFile', file);
    const node = this.lookup(file);
    if (!node) throw errno('ENOENT', `no such file, open '${file}'`);
    if (node.kind !== 'file') throw errno('EISDIR', `illegal operation on a directory, read '${file}'`);
    return Buffer.from(node.data);
  }

  exists(target: string): boolean {
    this.step('exists', target);
    return this.lookup(target) !== undefined;
  }

  open(file: string, flags: 'a' | 'wx'): number {
    this.step(`open ${flags}`, file);
    const { dir, name } = this.parent(file);
    let node = dir.entries.get(name);
    if (node && flags === 'wx') throw errno('EEXIST', `file already exists, open '${file}'`);
    if (node?.kind === 'dir') throw errno('EISDIR', `illegal operation on a directory, open '${file}'`);
    if (!node) {
      node = { kind: 'file', data: Buffer.alloc(0), synced: Buffer.alloc(0) };
      dir.entries.set(name, node);
    }
    const fd = this.nextFd++;
    this.fds.set(fd, { node, path: file });
    return fd;
  }

  write(fd: number, data: Uint8Array): void {
    const node = this.fd(fd, 'write');
    node.data = Buffer.concat([node.data, data]);
  }

  fsync(fd: number): void {
    const node = this.fd(fd, 'fsync');
    node.synced = Buffer.from(node.data);
  }

  close(fd: number): void {
    if (this.dead) return;
    this.fds.delete(fd);
  }

  truncate(file: string, size: number): void {
    this.step('truncate', file);
    const node = this.lookup(file);
    if (node?.kind !== 'file') throw errno('ENOENT', `no such file, truncate '${file}'`);
    node.data = Buffer.from(node.data.subarray(0, size));
  }

  rename(from: string, to: string): void {
    this.step('rename', `${from} -> ${to}`);
    const source = this.parent(from);
    const node = source.dir.entries.get(source.name);
    if (!node) throw errno('ENOENT', `no such file, rename '${from}'`);
    const target = this.parent(to);
    source.dir.entries.delete(source.name);
    target.dir.entries.set(target.name, node);
  }

  unlink(file: string): void {
    this.step('unlink', file);
    const { dir, name } = this.parent(file);
    if (dir.entries.get(name)?.kind !== 'file') throw errno('ENOENT', `no such file, unlink '${file}'`);
    dir.entries.delete(name);
  }

  mkdir(target: string): void {
    this.step('mkdir', target);
    const { dir, name } = this.parent(target);
    if (dir.entries.has(name)) throw errno('EEXIST', `file already exists, mkdir '${target}'`);
    dir.entries.set(name, { kind: 'dir', entries: new Map(), synced: new Map() });
  }

  fsyncDir(target: string): void {
    this.step('fsyncDir', target);
    const node = this.lookup(target);
    if (node?.kind !== 'dir') throw errno('ENOENT', `no such directory, open '${target}'`);
    node.synced = new Map(node.entries);
  }

  // ---- internals ---------------------------------------------------------

  private step(op: string, target: string): void {
    if (this.cut) throw new PowerCutError(this.cut.index);
    this.operations++;
    this.recent.push({ index: this.operations, op, path: target });
    if (this.recent.length > 3) this.recent.shift();
    if (this.operations >= this.cutAt) {
      this.cut = this.recent.at(-1)!;
      this.onCut?.(this.cut);
      throw new PowerCutError(this.operations);
    }
  }

  private fd(fd: number, op: string): FileNode {
    const open = this.fds.get(fd);
    this.step(op, open?.path ?? `fd ${fd}`);
    if (!open) throw errno('EBADF', `bad file descriptor, ${op}`);
    return open.node;
  }

  private lookup(target: string): Node | undefined {
    let node: Node = this.root;
    for (const part of target.split('/').filter(Boolean)) {
      if (node.kind !== 'dir') return undefined;
      const next: Node | undefined = node.entries.get(part);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  private parent(target: string): { dir: DirNode; name: string } {
    const dir = this.lookup(path.posix.dirname(target));
    if (dir?.kind !== 'dir') throw errno('ENOENT', `no such file or directory, '${target}'`);
    return { dir, name: path.posix.basename(target) };
  }
}
