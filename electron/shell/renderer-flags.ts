import type { CommandLine } from 'electron';

/**
 * V8 flags for the console's own renderer. The board sits idle between bursts
 * of status changes, and V8 by default throws away the bytecode of functions
 * that have not run for a while; the first patch after a quiet spell then
 * recompiles the board's render path inside one task (measured: 60–120 ms,
 * against none over 50 ms with the flag; docs/performance.md). A console that
 * runs all day keeps that code instead, for a few MB of memory.
 */
export const RENDERER_JS_FLAGS: readonly string[] = ['--no-flush-bytecode'];

/** Add ours to any js-flags already on the command line (before 'ready'). */
export function applyRendererFlags(commandLine: Pick<CommandLine, 'appendSwitch' | 'getSwitchValue'>): void {
  const existing = commandLine.getSwitchValue('js-flags').trim();
  const wanted = RENDERER_JS_FLAGS.filter((flag) => !existing.split(/\s+/).includes(flag));
  if (wanted.length === 0) return;
  commandLine.appendSwitch('js-flags', [existing, ...wanted].filter(Boolean).join(' '));
}
