/**
 * The two help center hand-offs are generated from one source (lib/embed/, by
 * scripts/build-embed.mjs); what is committed must be what that source generates now, or the
 * browser tests would test one thing and help centers run another.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(__filename), '../../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

describe('the generated hand-offs', () => {
  it('are up to date with lib/embed/ (npm run build:embed)', () => {
    const run = (): string =>
      execFileSync(process.execPath, ['scripts/build-embed.mjs', '--check'], {
        cwd: ROOT,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    expect(run()).toContain('up to date');
  });

  it('keep the app origin once in each custom page, for the admin to replace', () => {
    for (const file of ['theme-snippet/todo-list.hbs', 'theme-snippet/todo-list-iframe.hbs']) {
      expect(read(file).split('https://YOUR-APP.invalid')).toHaveLength(2);
    }
  });
});
