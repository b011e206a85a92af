import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { cataloguePlugin } from './scripts/i18n/catalogue-plugin';

// The renderer build. `base: './'` lets the same files load from the Electron
// app:// protocol and from the browser host. The message catalogues are
// compiled here, one lazily loaded chunk per language (docs/i18n.md).
export default defineConfig({
  root: path.resolve(__dirname, 'renderer'),
  base: './',
  plugins: [cataloguePlugin(), react()],
  build: {
    outDir: path.resolve(__dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
  },
});
