/** A stretch of time in which one process found an outside service failing and stopped calling it. */
export interface UpstreamIncident {
  id: string;
  upstream: string;
  /** The process that saw it (host:pid:random), as the scheduler's leases name owners. */
  owner: string;
  openedAt: Date;
  closedAt: Date | null;
  /** The last failure seen while it lasted (a failed trial call refreshes it). */
  lastSeenAt: Date;
  failures: number;
  lastError: string | null;
  /** Calls refused without trying while it was open. */
  refused: number;
}

/** Where incidents are kept, so an admin reading any api process sees what every process saw. */
export interface UpstreamIncidentStore {
  open(incident: UpstreamIncident): Promise<void>;
  /** A trial call failed again: the incident goes on. */
  touch(id: string, seenAt: Date, failures: number, lastError: string | null): Promise<void>;
  close(id: string, closedAt: Date, refused: number): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<UpstreamIncident[]>;
}
