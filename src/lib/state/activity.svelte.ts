// The activity log: a deliberate record of what the person did and what
// happened to their work (extractions with their timings, picks, downloads,
// errors), kept with the library and exportable as JSON. Not debug output.
import type { ActivityKind, ActivityRecord } from '../store/records';

/** The latest entries kept (shown and exported); older ones stay only in storage. */
const SHOWN = 5000;

/** An entry on the page; `seq` keys it (two entries can share a millisecond). */
export interface ActivityEntry extends ActivityRecord {
  seq: number;
}

export class ActivityLog {
  entries = $state.raw<ActivityEntry[]>([]);
  private seq = 0;

  constructor(private readonly persist: (record: ActivityRecord) => void) {}

  restore(records: readonly ActivityRecord[]): void {
    const sorted = [...records].sort((a, b) => a.at.localeCompare(b.at)).slice(-SHOWN);
    this.entries = [...sorted.map((record) => ({ ...record, seq: this.seq++ })), ...this.entries];
  }

  add(kind: ActivityKind, video: string | null, message: string, details: Record<string, unknown> | null = null): void {
    const record: ActivityRecord = { at: new Date().toISOString(), kind, video, message, details };
    this.entries = [...this.entries.slice(-(SHOWN - 1)), { ...record, seq: this.seq++ }];
    this.persist(record);
  }

  clear(): void {
    this.entries = [];
  }

  toJson(): Blob {
    const records = this.entries.map(({ id: _id, seq: _seq, ...record }) => record);
    return new Blob([JSON.stringify({ generator: 'Framepick', exported: new Date().toISOString(), activity: records }, null, 2)], { type: 'application/json' });
  }
}
