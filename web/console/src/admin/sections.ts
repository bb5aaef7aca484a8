import type { ComponentType } from 'preact';
import { MacrosPage, MailboxesPage, TokensPage, WidgetPage } from './channels.ts';
import { AnalyticsPage, ArticlesPage, SynonymsPage } from './helpcenter.ts';
import { AgentsPage, SecurityPage, TeamsPage } from './people.ts';

/** Every admin page by its path segment under /console/admin/. */
export const SECTION_PAGES: Record<string, ComponentType> = {
  agents: AgentsPage, teams: TeamsPage, security: SecurityPage, mailboxes: MailboxesPage, widget: WidgetPage,
  macros: MacrosPage, tokens: TokensPage, articles: ArticlesPage, synonyms: SynonymsPage, analytics: AnalyticsPage,
};
