// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The dev badge would show inside the iframed widget in the preview.
  devIndicators: false,
  poweredByHeader: false,
  serverExternalPackages: ['better-sqlite3'],
  // The build type-checks what it ships (tsconfig.build.json leaves out tests/, which
  // `npm run typecheck` covers): a type error never reaches production.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  experimental: {
    // What Next buffers of a body the proxy reads: only `POST /widget` (a token of at most
    // 8 KiB) is read there; API routes, which cap their own bodies, are not proxied.
    proxyClientMaxBodySize: '16kb',
    // The widget's CSS (a few KiB) in its HTML: the server-rendered first list paints without
    // waiting for a stylesheet request (npm run bench measures it).
    inlineCss: true,
  },
  async headers() {
    return [
      // Never let a browser guess a type: API answers are JSON, and user text must stay data.
      { source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
      // Help centers hard-code this URL: fresh for five minutes, then revalidated in the
      // background (Next's default for public files is max-age=0). Static, so no proxy call.
      // The empty page the widget's frame loads while the help center fetches the token: it
      // never changes, so a second visit does not ask for it at all.
      {
        source: '/widget-frame.html',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=86400' }],
      },
      {
        source: '/embed.js',
        headers: [
          { key: 'Cache-Control', value: 'public, max-age=300, stale-while-revalidate=86400' },
        ],
      },
      // Script mode's widget, which embed.js `import()`s into the help center page: a module
      // from another origin loads only with CORS. Public code, so any origin may read it.
      {
        source: '/embed/widget.js',
        headers: [
          { key: 'Access-Control-Allow-Origin', value: '*' },
          { key: 'Cache-Control', value: 'public, max-age=300, stale-while-revalidate=86400' },
        ],
      },
    ];
  },
  // The public Zendesk tutorial's custom page calls `${TODO_API_BASE_URL}/todo_items[/id]`;
  // these make those paths answer with the very same route handlers (docs/api.md).
  async rewrites() {
    return [
      { source: '/todo_items', destination: '/api/todo_items' },
      { source: '/todo_items/:id', destination: '/api/todo_items/:id' },
    ];
  },
};

module.exports = nextConfig;
