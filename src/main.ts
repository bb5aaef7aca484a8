import { ConfigError, loadConfig, type Config } from './config.ts';
import { CliError } from './cli/cli-error.ts';

const USAGE = `careline — self-hosted customer care

Usage:
  careline serve                                   run the HTTP API and inbound SMTP (default)
  careline migrate                                 apply database migrations
  careline token create --name NAME --role ROLE    print a new API token (admin|agent|viewer)
  careline token list                              list API tokens
  careline token revoke ID                         revoke an API token
  careline backup FILE                             online copy of the SQLite database
  careline demo                                    seed the demo workspace now
  careline articles import DIR                     import help center articles (Markdown + front matter)
  careline articles export DIR                     export help center articles in the same format
  careline mailbox add ADDRESS --category C [--team SLUG] [--priority P]
                                                   receive mail at ADDRESS
  careline mailbox list                            list mailboxes
  careline mailbox imap ADDRESS --host H --user U [--password P] [--port N] [--no-tls] [--folder F] [--move-to F]
                                                   poll ADDRESS over IMAP (password also from IMAP_PASSWORD)
  careline mailbox poll ADDRESS                    poll an IMAP mailbox now
  careline email list [--limit N]                  the latest inbound emails
  careline email reprocess ID                      replay a stored email through the pipeline

Configuration comes from the environment; see README.md.`;

type Command = (config: Config, args: string[]) => Promise<number>;

/** Each command is loaded only when it runs, so `careline token …` or a config error answers at once. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./cli/serve.ts')).serveCommand,
  migrate: async () => (await import('./cli/migrate.ts')).migrateCommand,
  token: async () => (await import('./cli/token.ts')).tokenCommand,
  backup: async () => (await import('./cli/backup.ts')).backupCommand,
  demo: async () => (await import('./cli/demo.ts')).demoCommand,
  articles: async () => (await import('./cli/articles.ts')).articlesCommand,
  mailbox: async () => (await import('./cli/mailbox.ts')).mailboxCommand,
  email: async () => (await import('./cli/email.ts')).emailCommand,
};

/** Runs one CLI command and returns its exit code; bad config or usage exits 2 with a message. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'serve', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`careline: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`careline: invalid configuration: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    const command = await load();
    return await command(config, args);
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`careline ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`careline ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
