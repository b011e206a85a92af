import type { ChildProcess } from 'node:child_process';

/** Resolve with the URL of a console host's `Console ready at <url>` line; reject if it exits first or takes too long. */
export function waitForReadyLine(child: ChildProcess, timeoutMs: number): Promise<string> {
  let out = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not become ready: ${out}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /Console ready at (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}: ${out}`));
    });
  });
}
