import { readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { buildApp } from '../app.ts';
import { closeDeps, createDeps } from '../deps.ts';
import { readDemoCredentials, seedDemo } from '../demo/seed-demo.ts';
import { registerEmailOutbound, SmtpChannel } from '../channels/email/index.ts';
import { ImapPollerLoop } from '../channels/email/imap/index.ts';

/**
 * careline serve: migrates, seeds the demo on first start (unless CARELINE_DEMO=0), listens for
 * HTTP and SMTP, runs jobs; on SIGTERM/SIGINT stops accepting, finishes in-flight requests and jobs, closes the database.
 */
export async function serveCommand(config: Config): Promise<number> {
  const deps = await createDeps(config);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let smtp: SmtpChannel | null = null;
  try {
    if (config.demo) await seedDemo(deps);
    app = await buildApp(deps);
    const tls = config.smtpTls && { cert: readFileSync(config.smtpTls.certPath), key: readFileSync(config.smtpTls.keyPath) };
    smtp = new SmtpChannel(deps, { host: config.host, port: config.smtpPort, rateLimit: config.rateLimits, tls });
    registerEmailOutbound(deps);
    await smtp.start();
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    // A failed start (port taken, bad seed) must not leave Redis clients or the database open and hang the process.
    await app?.close().catch(() => {});
    await smtp?.stop().catch(() => {});
    await closeDeps(deps).catch(() => {});
    throw error;
  }
  return run(config, deps, app, smtp);
}

async function run(config: Config, deps: Awaited<ReturnType<typeof createDeps>>, app: Awaited<ReturnType<typeof buildApp>>, smtp: SmtpChannel): Promise<number> {
  deps.jobs.start();
  const imap = new ImapPollerLoop(deps, config.imapPollSeconds);
  imap.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const base = config.publicUrl.replace(/:\d+$/, `:${port}`);
  const credentials = config.demo ? readDemoCredentials(deps) : null;
  process.stderr.write(
    [
      '',
      `Careline is running (${deps.store.dialect}, node ${config.nodeId})`,
      `  Home        ${base}/`,
      `  Console     ${base}/console/`,
      `  Help center ${base}/help`,
      `  Chat demo   ${base}/widget/demo`,
      `  API docs    ${base}/api/docs`,
      `  Health      ${base}/healthz`,
      `  Mail (SMTP) ${config.host}:${smtp.port}${config.smtpTls ? ' (STARTTLS)' : ''}`,
      credentials
        ? `  Demo login  ${credentials.email} / ${credentials.password}  (the console, or POST ${base}/api/v1/auth/login)`
        : '  Log in      create an API token: npx careline token create --name me --role admin',
      '',
    ].join('\n') + '\n',
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      deps.log.info({ signal }, 'shutting down: no new connections, finishing in-flight work');
      const force = setTimeout(() => {
        deps.log.error('shutdown took longer than 20s; exiting');
        resolve(1);
      }, 20_000);
      force.unref();
      void (async () => {
        await app.close();
        await smtp.stop();
        await imap.stop();
        await closeDeps(deps);
        clearTimeout(force);
        deps.log.info('stopped');
        resolve(0);
      })();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
