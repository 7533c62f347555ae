import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { defineConfig, globalIgnores } from 'eslint/config';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', 'node_modules/**', '.data/**', '.vercel/**', 'next-env.d.ts']),
  // A release's fixture generator is frozen with the fixtures it made: it is written against
  // that release's code, not today's (see tests/fixtures/upgrade/).
  globalIgnores(['tests/fixtures/**']),
  // The in-page widget's bundle, built by scripts/build-widget.mjs from sources linted here.
  globalIgnores(['public/embed/**']),
]);
