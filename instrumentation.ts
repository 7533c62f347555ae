/**
 * Runs once when the server starts: a bad configuration is reported here, naming each variable,
 * rather than as a stack trace on every request (README.md#configuration).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { devPreviewPort, loadConfig } = await import('./lib/config');
  const state = loadConfig();
  if (!state.ok) {
    for (const problem of state.problems)
      console.error(`[hc-todo] configuration: ${problem.message}`);
    console.error(
      '[hc-todo] every API request answers 503 server_misconfigured until this is fixed.',
    );
    return;
  }
  const { config } = state;
  if (config.devPreview) {
    console.log(
      `[hc-todo] dev preview — mock help center: http://127.0.0.1:${devPreviewPort()}/hc/todo`,
    );
  }
  console.log(
    `[hc-todo] ${config.devPreview ? 'dev preview' : `account "${config.subdomain}"`}, ` +
      `${config.store.kind} store, origins allowed: ${config.allowedOrigins.join(', ')}`,
  );
}
