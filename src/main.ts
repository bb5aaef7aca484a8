import { ConfigError, loadConfig, type Config } from './config.ts';
import { articlesCommand } from './cli/articles.ts';
import { backupCommand } from './cli/backup.ts';
import { demoCommand } from './cli/demo.ts';
import { emailCommand } from './cli/email.ts';
import { mailboxCommand } from './cli/mailbox.ts';
import { migrateCommand } from './cli/migrate.ts';
import { serveCommand } from './cli/serve.ts';
import { tokenCommand } from './cli/token.ts';
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

const COMMANDS: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  token: tokenCommand,
  backup: backupCommand,
  demo: demoCommand,
  articles: articlesCommand,
  mailbox: mailboxCommand,
  email: emailCommand,
};

/** Runs one CLI command and returns its exit code; bad config or usage exits 2 with a message. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'serve', ...args] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
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
