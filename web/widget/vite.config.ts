// Builds the chat widget into one self-contained classic script, dist/widget/widget.js: an IIFE
// (no modules, no chunks, CSS inlined as a string) so a host page needs only one <script> tag.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: `${ROOT}dist/widget`,
    emptyOutDir: true,
    target: 'es2022',
    minify: 'esbuild',
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: fileURLToPath(new URL('./src/main.ts', import.meta.url)),
      formats: ['iife'],
      name: 'CarelineWidget',
      fileName: () => 'widget.js',
    },
  },
});
