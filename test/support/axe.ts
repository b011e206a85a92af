import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright';

/**
 * axe-core run inside a Playwright page. Violations of impact critical,
 * serious or moderate are what the console must not have; minor ones are
 * reported but not counted.
 */
const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const COUNTED_IMPACTS = ['critical', 'serious', 'moderate'] as const;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** CSS selectors of up to three offending nodes. */
  targets: string[];
}

export interface AxeCounts {
  critical: number;
  serious: number;
  moderate: number;
  minor: number;
}

export interface AxeReport {
  counts: AxeCounts;
  /** Findings of a counted impact, for the failure message. */
  findings: AxeFinding[];
}

/** Run axe on the page as it is now (the whole document, or one element by selector). */
export async function runAxe(page: Page, selector?: string): Promise<AxeReport> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(async (scope) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(scope ? document.querySelector(scope) : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' ')) }));
  }, selector ?? null)) as AxeFinding[];
  const counts: AxeCounts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[v.impact as keyof AxeCounts] = (counts[v.impact as keyof AxeCounts] ?? 0) + 1;
  return { counts, findings: violations.filter((v) => (COUNTED_IMPACTS as readonly string[]).includes(v.impact)) };
}

/** A readable failure message: one line per counted finding. */
export function describeFindings(label: string, report: AxeReport): string {
  return `${label}: ${report.findings.map((f) => `${f.impact} ${f.id} (${f.help}) at ${f.targets.join(' | ')}`).join('; ')}`;
}
