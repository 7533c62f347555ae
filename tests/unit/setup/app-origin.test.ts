/**
 * The origin the setup page puts in the snippets: Vercel's production host, else the request's
 * own origin — and never anything that is not a well-formed http(s) origin.
 */
import { describe, expect, it } from 'vitest';

import { deploymentOrigin } from '@/lib/setup/app-origin';

describe('deploymentOrigin', () => {
  it('prefers VERCEL_PROJECT_PRODUCTION_URL, over https, whatever the request says', () => {
    expect(
      deploymentOrigin({
        vercelHost: 'hc-todo-acme.vercel.app',
        host: 'hc-todo-git-branch.vercel.app',
        forwardedProto: 'https',
      }),
    ).toBe('https://hc-todo-acme.vercel.app');
  });

  it('falls back to the request: Host and X-Forwarded-Proto (first of a list)', () => {
    expect(deploymentOrigin({ host: 'localhost:3000', forwardedProto: 'http' })).toBe(
      'http://localhost:3000',
    );
    expect(deploymentOrigin({ host: 'Todo.Example.com', forwardedProto: 'https, http' })).toBe(
      'https://todo.example.com',
    );
    expect(deploymentOrigin({ host: 'todo.example.com:443', forwardedProto: 'https' })).toBe(
      'https://todo.example.com',
    );
    expect(deploymentOrigin({ host: '[::1]:3000', forwardedProto: null })).toBe(
      'http://[::1]:3000',
    );
  });

  it('uses the request when the Vercel host is malformed', () => {
    expect(
      deploymentOrigin({
        vercelHost: 'https://x.vercel.app/',
        host: 'a.example.com',
        forwardedProto: 'https',
      }),
    ).toBe('https://a.example.com');
  });

  it.each([
    ['a host with markup', 'evil.com"><script>alert(1)</script>', 'https'],
    ['a host with a path', 'evil.com/path', 'https'],
    ['a host with credentials', 'user:pw@evil.com', 'https'],
    ['a host with spaces', 'evil .com', 'https'],
    ['another scheme', 'evil.com', 'javascript'],
    ['an empty host', '', 'https'],
    ['a port out of range', 'evil.com:99999', 'https'],
  ])('refuses %s', (_name, host, forwardedProto) => {
    expect(deploymentOrigin({ host, forwardedProto })).toBeUndefined();
  });
});
