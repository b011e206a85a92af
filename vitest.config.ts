import { defineConfig } from 'vitest/config';
import { cataloguePlugin } from './scripts/i18n/catalogue-plugin';

// Three projects: plain-Node tests of main-process services, the lab and the
// core; jsdom tests of renderer stores and components; and end-to-end tests
// that drive Debian's Chromium against the browser host (serial: 2 cores).
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        // Unit tests of the renderer's language helpers import the compiled English catalogue.
        plugins: [cataloguePlugin()],
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/unit/**/*.test.ts', 'test/lab/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        plugins: [cataloguePlugin()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          // Components speak through the catalogues: English is loaded before every file, as the page does before its first paint.
          setupFiles: ['test/support/renderer-language.ts'],
        },
      },
      {
        // Some end-to-end tests read the board's defaults from renderer modules that speak through the catalogues.
        plugins: [cataloguePlugin()],
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // One Chromium for all the files (test/support/browser-server.ts).
          globalSetup: ['test/support/browser-server.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
