import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Agent, Team } from './types.ts';

/** Who is signed in, and the agents and teams every view names. */
export type Directory = { me: Agent; agents: Agent[]; teams: Team[]; reload: () => void };

export const DirectoryContext = createContext<Directory | null>(null);

export function useDirectory(): Directory {
  const d = useContext(DirectoryContext);
  if (!d) throw new Error('useDirectory outside the console shell');
  return d;
}

export const agentName = (d: Directory, id: number | null): string => (id === null ? 'Unassigned' : (d.agents.find((a) => a.id === id)?.name ?? `Agent ${id}`));
export const teamName = (d: Directory, id: number | null): string => (id === null ? 'No team' : (d.teams.find((t) => t.id === id)?.name ?? `Team ${id}`));

/** "2 min ago", "3 h ago", or a date: calm, short times for lists. */
export function ago(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 7 * 86_400) return `${Math.floor(s / 86_400)} d ago`;
  return new Date(iso).toLocaleDateString();
}

export const label = (value: string): string => value.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
